"""A bounded parallel downloader with a deadline: at most limit downloads at once, and when
the budget runs out, the downloads that finished, and the error of every other URL."""

from datetime import datetime

import goconc
from goconc import context, errgroup, recv, select, sync, time

u = 10 * time.Millisecond

# SIZES says how long each fake download takes; a URL that is not there is a 404.
SIZES = {"index.html": 10 * u, "logo.png": 30 * u, "video.mp4": 80 * u, "style.css": 20 * u}


class NotFound(LookupError):
    pass


def download(ctx: context.Context, url: str) -> str:
    d = SIZES.get(url, 5 * u)
    match select(recv(time.after(d)), recv(ctx.done())):
        case 1, _:
            raise ctx.err()
    if url not in SIZES:
        raise NotFound("404 not found")
    return f"<{d // u * 100} bytes>"


def download_all(ctx: context.Context, urls: list[str], limit: int,
                 budget: time.Duration) -> tuple[dict[str, str], dict[str, BaseException]]:
    """Download every URL, at most limit at once, within budget. Return the bodies that
    arrived in time, by URL, and the error of every URL that has no body."""
    with context.with_timeout(ctx, budget) as ctx:
        mu = sync.Mutex()
        got: dict[str, str] = {}
        failed: dict[str, BaseException] = {}
        g = errgroup.Group()  # not with_context: one failed download does not stop the others
        g.set_limit(limit)
        for url in urls:

            def one(url: str = url) -> None:
                try:
                    body = download(ctx, url)
                except Exception as err:
                    with mu:
                        failed[url] = err
                else:
                    with mu:
                        got[url] = body

            g.go(one)
        g.wait()
        return got, failed


def main() -> None:
    urls = ["index.html", "logo.png", "video.mp4", "missing.txt", "style.css"]
    for budget in (70 * u, 2 * time.Second):
        start: datetime = time.now()
        got, failed = download_all(context.background(), urls, 2, budget)
        took = time.since(start).round(100 * time.Millisecond)
        print("budget", time.Duration(budget), "took", took)
        for url in sorted(got):
            print("  got", url, got[url])
        for url in sorted(failed):
            print("  failed", url + ":", failed[url])


if __name__ == "__main__":
    goconc.run(main)
