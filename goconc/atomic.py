"""Go's ``sync/atomic`` typed values: Int32, Int64, Uint32, Uint64, Bool, Value.

Goroutines of one program never run at the same time (they switch only at
blocking points), so each method is atomic with respect to every other
goroutine; integers wrap around at their Go width. Values shared with
threads of ``goconc.blocking`` calls need a real lock.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from ._errors import Panic

__all__ = ["Bool", "Int32", "Int64", "Uint32", "Uint64", "Value"]

#: pytest leaves this module's frames out of tracebacks (it reads a module-level
#: ``__tracebackhide__``); in IPython, goconc._ipython drops every goconc frame.
__tracebackhide__ = True

T = TypeVar("T")


class _Int:
    __slots__ = ("_v",)
    _bits = 64
    _signed = True
    _lo = -(1 << 63)
    _hi = (1 << 63) - 1

    def __init__(self, v: int = 0) -> None:
        self._v = self._wrap(v)

    @classmethod
    def _wrap(cls, v: int) -> int:
        if cls._lo <= v <= cls._hi:
            return v
        m = 1 << cls._bits
        v &= m - 1
        if cls._signed and v >= m >> 1:
            v -= m
        return v

    def load(self) -> int:
        """The current value."""
        return self._v

    def store(self, v: int) -> None:
        """Set the value."""
        self._v = self._wrap(v)

    def swap(self, new: int) -> int:
        """Set the value; return the old one."""
        old = self._v
        self._v = self._wrap(new)
        return old

    def compare_and_swap(self, old: int, new: int) -> bool:
        """Set ``new`` if the value is ``old``; True if it did.

        ``old`` wraps around at the type's width like every other argument, so
        after ``store(-1)`` on a Uint32, ``compare_and_swap(-1, 0)`` succeeds.
        """
        if self._v != old and self._v != self._wrap(old):
            return False
        self._v = self._wrap(new)
        return True

    def add(self, delta: int) -> int:
        """Add ``delta`` (wrapping around); return the NEW value, as Go does."""
        v = self._v + delta
        if not self._lo <= v <= self._hi:
            v = self._wrap(v)
        self._v = v
        return v

    def and_(self, mask: int) -> int:
        """Bitwise AND with ``mask``; return the OLD value (Go 1.23's ``And``)."""
        old = self._v
        self._v = self._wrap(old & mask)
        return old

    def or_(self, mask: int) -> int:
        """Bitwise OR with ``mask``; return the OLD value (Go 1.23's ``Or``)."""
        old = self._v
        self._v = self._wrap(old | mask)
        return old

    def __repr__(self) -> str:
        return f"<atomic.{type(self).__name__} {self._v}>"


class Int64(_Int):
    """An atomic int64."""

    __slots__ = ()


class Int32(_Int):
    """An atomic int32."""

    __slots__ = ()
    _bits = 32
    _lo = -(1 << 31)
    _hi = (1 << 31) - 1


class Uint64(_Int):
    """An atomic uint64."""

    __slots__ = ()
    _signed = False
    _lo = 0
    _hi = (1 << 64) - 1


class Uint32(_Int):
    """An atomic uint32."""

    __slots__ = ()
    _bits = 32
    _signed = False
    _lo = 0
    _hi = (1 << 32) - 1


class Bool:
    """An atomic bool."""

    __slots__ = ("_v",)

    def __init__(self, v: bool = False) -> None:
        self._v = bool(v)

    def load(self) -> bool:
        """The current value."""
        return self._v

    def store(self, v: bool) -> None:
        """Set the value."""
        self._v = bool(v)

    def swap(self, new: bool) -> bool:
        """Set the value; return the old one."""
        old = self._v
        self._v = bool(new)
        return old

    def compare_and_swap(self, old: bool, new: bool) -> bool:
        """Set ``new`` if the value is ``old``; True if it did."""
        if self._v != old:
            return False
        self._v = bool(new)
        return True

    def __repr__(self) -> str:
        return f"<atomic.Bool {self._v}>"


class Value(Generic[T]):
    """Holds one value of a consistent type (Go's ``atomic.Value``).

    ``load()`` is None until the first ``store``. Storing None, or a value of
    a different type than the first one, panics with Go's message.
    """

    __slots__ = ("_v",)

    def __init__(self) -> None:
        self._v: Any = None

    def load(self) -> T | None:
        """The value last stored, or None."""
        return self._v  # type: ignore[no-any-return]

    def _check(self, v: Any, op: str) -> None:
        if v is None:
            raise Panic(f"sync/atomic: {op} of nil value into Value")
        if self._v is not None and type(v) is not type(self._v):
            raise Panic(f"sync/atomic: {op} of inconsistently typed value into Value")

    def store(self, v: T) -> None:
        """Set the value.

        Raises:
            Panic: ``sync/atomic: store of nil value into Value`` or
                ``sync/atomic: store of inconsistently typed value into Value``.
        """
        self._check(v, "store")
        self._v = v

    def swap(self, new: T) -> T | None:
        """Set the value; return the old one (None if nothing was stored)."""
        self._check(new, "swap")
        old = self._v
        self._v = new
        return old  # type: ignore[no-any-return]

    def compare_and_swap(self, old: T | None, new: T) -> bool:
        """Set ``new`` if the value is ``old``; True if it did."""
        if new is None:
            raise Panic("sync/atomic: compare and swap of nil value into Value")
        if old is not None and type(old) is not type(new):
            raise Panic("sync/atomic: compare and swap of inconsistently typed values")
        self._check(new, "compare and swap")
        if self._v != old:
            return False
        self._v = new
        return True

    def __repr__(self) -> str:
        return f"<atomic.Value {self._v!r}>"
