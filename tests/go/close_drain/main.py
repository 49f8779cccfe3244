"""Receiving from a closed channel: buffered values first, then zero values with ok=False."""

import goconc
from goconc import chan, go


def main() -> None:
    ch = chan(int, 3)
    ch.send(1)
    ch.send(2)
    ch.close()
    print("len after close:", len(ch))
    for _ in range(4):
        v, ok = ch.recv_ok()
        print(v, str(ok).lower())
    print("plain receive:", ch.recv())

    s = chan(str)
    s.close()
    sv, ok = s.recv_ok()
    print(f'"{sv}" {str(ok).lower()}')

    # close wakes every blocked receiver.
    gate = chan(int)
    results = chan(str)

    def receiver() -> None:
        v, ok = gate.recv_ok()
        results.send(f"{v} {str(ok).lower()}")

    for _ in range(3):
        go(receiver)
    gate.close()
    for _ in range(3):
        print("woken receiver got", results.recv())


if __name__ == "__main__":
    goconc.run(main)
