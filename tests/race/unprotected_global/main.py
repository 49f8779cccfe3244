"""An unprotected global dict, written and read by goroutines that nothing orders."""

import goconc
from goconc import go, sync

service: dict[str, str] = {}


def register(name: str, addr: str) -> None:
    service[name] = addr


def lookup(name: str) -> str:
    return service.get(name, "")


def main() -> None:
    wg = sync.WaitGroup()
    wg.add(2)

    def writer() -> None:
        register("db", "10.0.0.1")
        wg.done()

    def reader() -> None:
        print(str(lookup("db") != "x").lower())
        wg.done()

    go(writer)
    go(reader)
    wg.wait()


if __name__ == "__main__":
    goconc.run(main)
