"""The tree digest of "Pipelines and cancellation", with bounded parallelism:
walk the tree, digest the files in a fixed number of goroutines, collect.
The tree is in memory (a dict), so the output is always the same."""

import hashlib
from dataclasses import dataclass

import goconc
from goconc import RecvChan, SendChan, chan, go, recv, runtime, select, send, sync, time


class PathError(Exception):
    """Go's *fs.PathError: "open docs/guide.md: permission denied"."""

    def __init__(self, op: str, path: str, err: str) -> None:
        super().__init__(f"{op} {path}: {err}")


class MapFS(dict[str, bytes]):
    """An in-memory tree: path -> file contents, like Go's fstest.MapFS."""

    def read_file(self, path: str) -> bytes:
        return self[path]


TREE = MapFS({
    "README.md": b"# digest\n",
    "cmd/main.go": b"package main\n",
    "docs/empty.txt": b"",
    "docs/guide.md": b"Read the guide first.\n",
    "internal/walk.go": b"package internal\n",
})


def walk_files(done: RecvChan[None],
               fsys: MapFS) -> tuple[RecvChan[str], RecvChan[Exception | None]]:
    """Send the path of every file in the tree, then the walk's error on errc
    (buffered: the walk never waits to report it)."""
    paths = chan(str)
    errc: goconc.Chan[Exception | None] = chan(None, 1)

    def walk() -> None:
        try:
            for path in sorted(fsys):  # fs.WalkDir's lexical order
                if select(send(paths, path), recv(done))[0] == 1:
                    errc.send(Exception("walk canceled"))
                    return
            errc.send(None)
        finally:
            paths.close()

    go(walk)
    return paths.recv_only(), errc.recv_only()


@dataclass
class Result:
    path: str
    sum: bytes
    err: Exception | None


def digester(done: RecvChan[None], fsys: MapFS, paths: RecvChan[str],
             c: SendChan[Result]) -> None:
    """Read and digest files until paths is closed or done is."""
    for path in paths:
        data, err = b"", None
        try:
            data = fsys.read_file(path)
        except PathError as e:
            err = e
        if select(send(c, Result(path, hashlib.md5(data).digest(), err)), recv(done))[0] == 1:
            return


def md5_all(fsys: MapFS, num_digesters: int) -> dict[str, bytes]:
    """Digest every file of the tree with num_digesters goroutines; on the first
    error raise it, and closing done stops the rest."""
    done = chan(None)
    try:
        paths, errc = walk_files(done, fsys)
        c = chan(Result)
        wg = sync.WaitGroup()
        wg.add(num_digesters)

        def run_digester() -> None:
            digester(done, fsys, paths, c.send_only())
            wg.done()

        for _ in range(num_digesters):
            go(run_digester)

        def closer() -> None:
            wg.wait()
            c.close()

        go(closer)

        m: dict[str, bytes] = {}
        for r in c:
            if r.err is not None:
                raise r.err
            m[r.path] = r.sum
        err = errc.recv()  # only now: the walk may block sending paths
        if err is not None:
            raise err
        return m
    finally:
        done.close()


class LockedFS(MapFS):
    """The tree with one file that cannot be read."""

    def read_file(self, path: str) -> bytes:
        if path == "docs/guide.md":
            raise PathError("open", path, "permission denied")
        return super().read_file(path)


def main() -> None:
    try:
        m = md5_all(TREE, 2)
    except Exception as err:
        print("error:", err)
        return
    for path in sorted(m):
        print(f"{m[path].hex()}  {path}")

    try:
        md5_all(LockedFS(TREE), 2)
    except Exception as err:
        print("error:", err)
    time.sleep(100 * time.Millisecond)  # let the stopped stages return
    print("goroutines still there:", runtime.num_goroutine())


if __name__ == "__main__":
    goconc.run(main)
