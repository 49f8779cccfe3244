"""The Tour of Go's web crawler, concurrent: each page fetched once, to a depth, at most one
fetch started per tick, and the first error cancelling the rest (errgroup)."""

from dataclasses import dataclass, field

import goconc
from goconc import atomic, context, errgroup, recv, select, sync, time


def show(err: BaseException | None) -> str:
    """Go's %v of an error: <nil> for none."""
    return "<nil>" if err is None else str(err)


class NotFound(LookupError):
    """The page is not there (Go's errNotFound, wrapped)."""


@dataclass
class FakeFetcher:
    """The Tour's fake fetcher, with a context, 20ms per fetch, and one page that can fail."""

    pages: dict[str, tuple[str, list[str]]]
    broken: str = ""  # fetching this URL fails with a server error
    fetches: atomic.Int32 = field(default_factory=atomic.Int32)

    def fetch(self, ctx: context.Context, url: str) -> tuple[str, list[str]]:
        self.fetches.add(1)
        match select(recv(time.after(20 * time.Millisecond)), recv(ctx.done())):
            case 1, _:
                raise ctx.err()
        if url == self.broken:
            raise RuntimeError(f"fetch {url}: 500 internal server error")
        if url in self.pages:
            return self.pages[url]
        raise NotFound(f"fetch {url}: not found")


def crawl(ctx: context.Context, url: str, depth: int, f: FakeFetcher,
          every: time.Duration) -> tuple[dict[str, str], BaseException | None]:
    """Fetch url and the pages it links to, down to depth, each page once, starting at most
    one fetch per tick of every. Return the bodies found, by URL (a page that is not found
    is left out; any other error stops the crawl), and the error, as Go's Crawl does."""
    g, ctx = errgroup.with_context(ctx)
    limiter = time.new_ticker(every)
    try:
        mu = sync.Mutex()
        seen: set[str] = set()
        found: dict[str, str] = {}

        def visit(url: str, depth: int) -> None:
            with mu:
                if depth <= 0 or url in seen:
                    return
                seen.add(url)

                def fetch() -> None:
                    match select(recv(limiter.c), recv(ctx.done())):
                        case 1, _:
                            raise ctx.err()
                    try:
                        body, urls = f.fetch(ctx, url)
                    except NotFound:
                        return
                    with mu:
                        found[url] = body
                    for u in urls:
                        visit(u, depth - 1)

                g.go(fetch)

        visit(url, depth)
        err: BaseException | None = None
        try:
            g.wait()
        except Exception as e:
            err = e
        with mu:
            return found, err
    finally:
        limiter.stop()


def main() -> None:
    ctx = context.background()
    f = FakeFetcher(TOUR)
    for depth in (4, 2):
        f.fetches.store(0)
        found, err = crawl(ctx, "https://golang.org/", depth, f, 10 * time.Millisecond)
        print(f"depth {depth}: {len(found)} pages, {f.fetches.load()} fetches, err {show(err)}")
        for u in sorted(found):
            print(f'  {u} "{found[u]}"')

    broken = FakeFetcher(TOUR, broken="https://golang.org/pkg/")
    _, err = crawl(ctx, "https://golang.org/", 4, broken, 10 * time.Millisecond)
    print("broken pkg/:", show(err))

    with context.with_timeout(ctx, 5 * time.Millisecond) as short:
        found, err = crawl(short, "https://golang.org/", 4, f, 10 * time.Millisecond)
        print(f"5ms budget: {len(found)} pages, err {show(err)}")


# TOUR is the Tour of Go's fake web (https://go.dev/tour/concurrency/10).
TOUR = {
    "https://golang.org/": (
        "The Go Programming Language",
        ["https://golang.org/pkg/", "https://golang.org/cmd/"],
    ),
    "https://golang.org/pkg/": (
        "Packages",
        ["https://golang.org/", "https://golang.org/cmd/", "https://golang.org/pkg/fmt/",
         "https://golang.org/pkg/os/"],
    ),
    "https://golang.org/pkg/fmt/": (
        "Package fmt",
        ["https://golang.org/", "https://golang.org/pkg/"],
    ),
    "https://golang.org/pkg/os/": (
        "Package os",
        ["https://golang.org/", "https://golang.org/pkg/"],
    ),
}


if __name__ == "__main__":
    goconc.run(main)
