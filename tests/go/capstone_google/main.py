"""Rob Pike's Google Search 1.0 -> 2.0 -> 2.1 -> 3.0 ("Go Concurrency Patterns", 2012),
with fake searches that take fixed times instead of random ones."""

from collections.abc import Callable
from datetime import datetime

import goconc
from goconc import chan, go, recv, runtime, select, time

Search = Callable[[str], str]


def fake_search(kind: str, d: time.Duration) -> Search:
    def search(query: str) -> str:
        time.sleep(d)
        return f'{kind} result for "{query}"'

    return search


u = 10 * time.Millisecond

web = fake_search("web", 30 * u)
image = fake_search("image", 10 * u)
video = fake_search("video", 50 * u)


def google10(query: str) -> list[str]:
    """Google 1.0: one search after another."""
    return [web(query), image(query), video(query)]


def google20(query: str) -> list[str]:
    """Google 2.0: the three at once, fan-in, wait for all."""
    c = chan(str)
    for s in (web, image, video):
        go(lambda s=s: c.send(s(query)))
    return [c.recv() for _ in range(3)]


def google21(query: str, timeout: time.Duration) -> list[str]:
    """Google 2.1: don't wait for slow servers. One timer for the whole loop. (Pike's c is
    unbuffered: a result that comes after the timeout blocks its goroutine for ever.)"""
    c = chan(str, 3)
    for s in (web, image, video):
        go(lambda s=s: c.send(s(query)))
    deadline = time.after(timeout)
    results = []
    for _ in range(3):
        match select(recv(c), recv(deadline)):
            case 0, r:
                results.append(r)
            case _:
                print("  timed out")
                return results
    return results


def first(query: str, *replicas: Search) -> str:
    """Send the query to every replica and return the first answer. The channel has room
    for every answer, so the slower replicas do not leak."""
    c = chan(str, len(replicas))
    for r in replicas:
        go(lambda r=r: c.send(r(query)))
    return c.recv()


web1, web2 = fake_search("web1", 30 * u), fake_search("web2", 15 * u)
image1, image2 = fake_search("image1", 10 * u), fake_search("image2", 25 * u)
video1, video2 = fake_search("video1", 50 * u), fake_search("video2", 20 * u)


def google30(query: str, timeout: time.Duration) -> list[str]:
    """Google 3.0: replicated servers, the first reply of each wins; and the timeout."""
    c = chan(str, 3)
    for replicas in ((web1, web2), (image1, image2), (video1, video2)):
        go(lambda rs=replicas: c.send(first(query, *rs)))
    deadline = time.after(timeout)
    results = []
    for _ in range(3):
        match select(recv(c), recv(deadline)):
            case 0, r:
                results.append(r)
            case _:
                print("  timed out")
                return results
    return results


def show(version: str, start: datetime, results: list[str]) -> None:
    for r in results:
        print("  " + r)
    print(version, "took", time.since(start).round(100 * time.Millisecond))


def main() -> None:
    start = time.now()
    show("Google 1.0", start, google10("golang"))
    start = time.now()
    show("Google 2.0", start, google20("golang"))
    start = time.now()
    show("Google 2.1", start, google21("golang", 40 * u))
    start = time.now()
    show("Google 3.0", start, google30("golang", 40 * u))

    time.sleep(60 * u)  # every search has finished by now
    print("goroutines left:", runtime.num_goroutine())


if __name__ == "__main__":
    goconc.run(main)
