"""Goroutine stacks in the browser: the part of greenlet's API that ``_runtime`` uses,
built on JavaScript Promise Integration (JSPI, Pyodide's stack switching).

greenlet cannot exist on WebAssembly, so on Pyodide (``sys.platform ==
"emscripten"``) ``_runtime`` imports ``greenlet``, ``getcurrent`` and
``GreenletExit`` from here instead. A greenlet other than the main one is a
plain synchronous function running in its own ``asyncio`` task on Pyodide's
event loop. Switching to another greenlet hands it a message (values to return
from its ``switch``, or an exception to raise there), then suspends the whole
stack of the one that switched with ``pyodide.ffi.run_sync(future)`` until a
switch hands it a message in turn. So exactly one greenlet runs at any time,
and which one is decided by whoever switches (goconc's scheduler); the event
loop only carries the decision out. The main greenlet is the code that called
goconc: a cell run with ``pyodide.runPythonAsync`` (a stack that can be
suspended too).

What ``_runtime`` relies on, as greenlet defines it: ``greenlet(run, parent)``;
``switch(*args)``; ``throw(exc)`` (into a greenlet not started yet, it ends it at
once and the exception goes to its parent); ``dead``; ``bool(g)`` (started and
not dead); a mutable ``parent``, which gets the return value of a greenlet that
ends, or its exception raised (``GreenletExit`` is returned, not raised);
``gr_frame`` (the frame a suspended greenlet switched from, for goroutine dumps).

One difference: the frames of a suspended stack cannot be read from another stack
(Pyodide swaps the interpreter's frame memory with the stack: reading one raises
``SystemError``), so ``gr_frame`` is a copy of the chain of frames taken when the
greenlet switched away: ``_Frame``s with the attributes ``user_frames`` reads.
"""

from __future__ import annotations

import asyncio
import importlib
import sys
from types import FrameType
from typing import Any

__all__ = ["NO_JSPI", "GreenletExit", "getcurrent", "greenlet", "idle"]

#: What a cell says when the browser cannot switch stacks.
NO_JSPI = ("goconc cannot run goroutines in this browser, because it lacks WebAssembly "
           "JavaScript Promise Integration (stack switching, on by default in Chrome and "
           "Edge 137 or later): run the notebook locally instead (pip install goconc, then "
           "open it in Jupyter).")
#: ... and when the browser can, but the code was not started in a way that can suspend.
NOT_SUSPENDABLE = ("goconc cannot switch goroutines here: this code was not started with "
                   "stack switching (use pyodide.runPythonAsync, not pyodide.runPython).")

_VALUE, _THROW = 0, 1
_Message = tuple[int, Any]


class _Code:
    __slots__ = ("co_filename", "co_qualname")

    def __init__(self, filename: str, qualname: str) -> None:
        self.co_filename = filename
        self.co_qualname = qualname


class _Frame:
    """A copy of a frame: its code's file and name, its line, the frame below."""

    __slots__ = ("f_back", "f_code", "f_lineno")

    def __init__(self, code: _Code, lineno: int | None, back: _Frame | None) -> None:
        self.f_code = code
        self.f_lineno = lineno
        self.f_back = back


def _copy_frames(frame: FrameType | None, limit: int = 200) -> _Frame | None:
    chain: list[FrameType] = []
    while frame is not None and len(chain) < limit:
        if "/_pyodide/" in frame.f_code.co_filename:
            break  # Pyodide's code runner, below a cell: not the program's frames
        chain.append(frame)
        frame = frame.f_back
    out: _Frame | None = None
    for f in reversed(chain):
        code = f.f_code
        out = _Frame(_Code(code.co_filename, code.co_qualname), f.f_lineno, out)
    return out


def _ffi() -> Any:
    return importlib.import_module("pyodide.ffi")


class GreenletExit(BaseException):
    """Thrown into a greenlet to end it; its parent gets it back as a value."""


class greenlet:
    """A stack: see the module's docstring."""

    __slots__ = ("__weakref__", "_fut", "_started", "_task", "dead", "gr_frame", "parent", "run")

    def __init__(self, run: Any = None, parent: greenlet | None = None) -> None:
        self.run = run
        self.parent: greenlet | None = parent if parent is not None else getcurrent()
        self.gr_frame: _Frame | None = None
        self.dead = False
        self._started = False
        self._fut: asyncio.Future[_Message] | None = None
        self._task: asyncio.Task[None] | None = None

    def __bool__(self) -> bool:
        return self._started and not self.dead

    def switch(self, *args: Any, **kwargs: Any) -> Any:
        return _transfer(self, (_VALUE, (args, kwargs)), sys._getframe(1))

    def throw(self, typ: Any = GreenletExit, val: Any = None, tb: Any = None) -> Any:
        exc = typ if isinstance(typ, BaseException) else typ() if val is None else typ(val)
        return _transfer(self, (_THROW, exc), sys._getframe(1))


def _main_greenlet() -> greenlet:
    g = greenlet.__new__(greenlet)
    g.run = None
    g.parent = None
    g.gr_frame = None
    g.dead = False
    g._started = True
    g._fut = None
    g._task = None
    return g


_main = _main_greenlet()
_current = _main


def getcurrent() -> greenlet:
    return _current


def _value(args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """What ``switch(*args, **kwargs)`` returns on the other side (greenlet's rule)."""
    if not kwargs:
        return args[0] if len(args) == 1 else args
    return kwargs if not args else (args, kwargs)


def _deliver(msg: _Message) -> Any:
    kind, payload = msg
    if kind == _THROW:
        raise payload
    return _value(*payload)


def check() -> None:
    """Raise RuntimeError unless the running stack can be suspended."""
    ffi = _ffi()
    if not ffi.can_run_sync():
        import js  # type: ignore[import-not-found]

        wasm = js.WebAssembly
        jspi = hasattr(wasm, "Suspending") and hasattr(wasm, "promising")
        raise RuntimeError(NOT_SUSPENDABLE if jspi else NO_JSPI)


def _transfer(target: greenlet, msg: _Message, frame: FrameType) -> Any:
    """Hand ``msg`` to ``target`` (starting it if need be), then wait for a message."""
    global _current
    me = _current
    while target.dead:
        parent = target.parent
        if parent is None:
            raise RuntimeError("cannot switch to a dead greenlet without a parent")
        target = parent
    if target is me:
        return _deliver(msg)
    check()
    _hand(target, msg)
    fut = me._fut = asyncio.get_event_loop().create_future()
    me.gr_frame = _copy_frames(frame)
    try:
        got: _Message = _ffi().run_sync(fut)
    finally:
        me._fut = None
        me.gr_frame = None
        _current = me
    return _deliver(got)


def _hand(target: greenlet, msg: _Message) -> None:
    """Make ``target`` the next to run, with ``msg``: resume it, or start it."""
    while True:
        if target._started:
            fut = target._fut
            assert fut is not None, "a greenlet that is not suspended cannot be resumed"
            fut.set_result(msg)
            return
        if msg[0] == _VALUE:
            target._started = True
            target._task = asyncio.get_event_loop().create_task(_body(target, msg[1]))
            return
        # An exception thrown into a greenlet that never started ends it at once.
        target._started = target.dead = True
        target.run = None
        exc = msg[1]
        if isinstance(exc, GreenletExit):
            msg = (_VALUE, ((exc,), {}))
        parent = target.parent
        while parent is not None and parent.dead:
            parent = parent.parent
        assert parent is not None
        target = parent


async def _body(g: greenlet, start: tuple[tuple[Any, ...], dict[str, Any]]) -> None:
    """The task of greenlet ``g``: its run, then its result or exception to its parent."""
    global _current
    _current = g
    msg: _Message
    try:
        r = g.run(*start[0], **start[1])
        msg = (_VALUE, ((r,), {}))
    except GreenletExit as e:
        msg = (_VALUE, ((e,), {}))
    except BaseException as e:
        msg = (_THROW, e)
    g.dead = True
    g.run = None
    g._task = None
    parent = g.parent
    while parent is not None and parent.dead:
        parent = parent.parent
    if parent is None:
        raise RuntimeError("a greenlet without a parent ended")
    _current = parent
    _hand(parent, msg)


def idle(seconds: float) -> None:
    """Wait ``seconds`` on the browser's event loop (the page stays responsive)."""
    check()
    _ffi().run_sync(asyncio.sleep(seconds))
