"""Timer stop and reset with Go 1.23+ semantics: no stale value after stop or reset."""

import goconc
from goconc import default, recv, select, time


def poll(t: time.Timer) -> str:
    match select(recv(t.c), default):
        case 0, _:
            return "a value was waiting"
        case _:
            return "no value waiting"


def gobool(b: bool) -> str:
    return "true" if b else "false"


def main() -> None:
    t = time.new_timer(50 * time.Millisecond)
    print("timer channel len/cap:", len(t.c), t.c.cap)
    print("stop an active timer:", gobool(t.stop()))
    print("stop it again:", gobool(t.stop()))
    print("after stop:", poll(t))

    t = time.new_timer(10 * time.Millisecond)
    t.c.recv()
    print("fired and received; stop:", gobool(t.stop()))

    # Expired but not received: stop returns True and discards the value.
    t = time.new_timer(10 * time.Millisecond)
    time.sleep(30 * time.Millisecond)
    print("expired, not received; len:", len(t.c))
    print("stop:", gobool(t.stop()))
    print("after stop:", poll(t))

    # Reset of an expired, unreceived timer returns True; the old value is gone.
    t = time.new_timer(10 * time.Millisecond)
    time.sleep(30 * time.Millisecond)
    print("reset expired timer:", gobool(t.reset(20 * time.Millisecond)))
    print("right after reset:", poll(t))
    t.c.recv()
    print("fired again after reset")

    print("reset a received timer:", gobool(t.reset(10 * time.Millisecond)))
    print("reset an active timer:", gobool(t.reset(10 * time.Millisecond)))
    t.c.recv()
    print("fired once")
    time.sleep(30 * time.Millisecond)
    print("one reset, one value:", poll(t))

    t.stop()
    print("reset a stopped timer:", gobool(t.reset(10 * time.Millisecond)))
    t.c.recv()
    print("a stopped timer fires after reset")

    # A timer with a zero or negative duration is ready at once.
    time.new_timer(0).c.recv()
    time.new_timer(-time.Second).c.recv()
    print("zero and negative timers fire at once")


if __name__ == "__main__":
    goconc.run(main)
