"""sync/atomic: Int32, Int64, Uint32, Uint64, Bool and Value, against Go's behaviour.

Expected values and panic messages were checked with Go 1.27 (sync/atomic);
the Go-parity twin in tests/go/atomics/ covers a whole program end to end.
Only the atomicity tests run goroutines, on the virtual clock with a fixed seed.
"""

from __future__ import annotations

import math
from functools import partial
from typing import Any

import pytest
import vclock

from goconc import Panic, atomic, runtime, sync

vrun = partial(vclock.vrun, leaks="raise")  # a leaked goroutine fails the test

IntType = type[atomic.Int32] | type[atomic.Int64] | type[atomic.Uint32] | type[atomic.Uint64]

# (type, smallest value, largest value) at Go's width.
INT_TYPES: list[tuple[IntType, int, int]] = [
    (atomic.Int32, -(1 << 31), (1 << 31) - 1),
    (atomic.Int64, -(1 << 63), (1 << 63) - 1),
    (atomic.Uint32, 0, (1 << 32) - 1),
    (atomic.Uint64, 0, (1 << 64) - 1),
]
INT_IDS = [t.__name__ for t, _, _ in INT_TYPES]
int_types = pytest.mark.parametrize(("cls", "lo", "hi"), INT_TYPES, ids=INT_IDS)


def panic_message(f: Any, *args: Any) -> str:
    with pytest.raises(Panic) as info:
        f(*args)
    return str(info.value)


# --- integers: the operations -------------------------------------------------------


@int_types
def test_int_zero_value_is_zero(cls: IntType, lo: int, hi: int) -> None:
    assert cls().load() == 0


@int_types
def test_int_constructor_sets_the_initial_value(cls: IntType, lo: int, hi: int) -> None:
    assert cls(7).load() == 7


@int_types
def test_int_store_then_load(cls: IntType, lo: int, hi: int) -> None:
    n = cls()
    n.store(41)
    assert n.load() == 41
    n.store(hi)
    assert n.load() == hi


@int_types
def test_int_add_returns_the_new_value(cls: IntType, lo: int, hi: int) -> None:
    n = cls(10)
    assert n.add(5) == 15
    assert n.load() == 15


@int_types
def test_int_swap_returns_the_old_value(cls: IntType, lo: int, hi: int) -> None:
    n = cls(3)
    assert n.swap(9) == 3
    assert n.load() == 9


@int_types
def test_int_compare_and_swap_succeeds_when_the_value_matches(
    cls: IntType, lo: int, hi: int
) -> None:
    n = cls(7)
    assert n.compare_and_swap(7, 8) is True
    assert n.load() == 8


@int_types
def test_int_compare_and_swap_fails_and_changes_nothing_when_the_value_differs(
    cls: IntType, lo: int, hi: int
) -> None:
    n = cls(8)
    assert n.compare_and_swap(7, 9) is False
    assert n.load() == 8


@int_types
def test_int_and_returns_the_old_value(cls: IntType, lo: int, hi: int) -> None:
    # Go 1.23's And: 0b1100 & 0b1010 leaves 8 and returns 12.
    n = cls(0b1100)
    assert n.and_(0b1010) == 0b1100
    assert n.load() == 0b1000


@int_types
def test_int_or_returns_the_old_value(cls: IntType, lo: int, hi: int) -> None:
    # Go 1.23's Or: 0b1100 | 0b1010 leaves 14 and returns 12.
    n = cls(0b1100)
    assert n.or_(0b1010) == 0b1100
    assert n.load() == 0b1110


def test_int_repr_names_the_type_and_value() -> None:
    assert repr(atomic.Int32(5)) == "<atomic.Int32 5>"
    assert repr(atomic.Int64(-3)) == "<atomic.Int64 -3>"
    assert repr(atomic.Uint32()) == "<atomic.Uint32 0>"
    assert repr(atomic.Uint64(1 << 63)) == f"<atomic.Uint64 {1 << 63}>"


# --- integers: wrap-around at Go's width (values printed by Go 1.27) --------------------


@int_types
def test_int_add_past_the_maximum_wraps_to_the_minimum(cls: IntType, lo: int, hi: int) -> None:
    # Go: Int32 max+1 -> -2147483648, Int64 max+1 -> -9223372036854775808,
    # Uint32 max+1 -> 0, Uint64 max+1 -> 0.
    n = cls(hi)
    assert n.add(1) == lo
    assert n.load() == lo


@int_types
def test_int_add_below_the_minimum_wraps_to_the_maximum(cls: IntType, lo: int, hi: int) -> None:
    # Go: Int32 min-1 -> 2147483647; Uint32 0 + ^uint32(0) -> 4294967295;
    # Uint64 0 + ^uint64(0) -> 18446744073709551615.
    n = cls(lo)
    assert n.add(-1) == hi
    assert n.load() == hi


@pytest.mark.parametrize(
    ("cls", "all_ones"),
    [(atomic.Uint32, (1 << 32) - 1), (atomic.Uint64, (1 << 64) - 1)],
    ids=["Uint32", "Uint64"],
)
def test_unsigned_add_of_a_negative_delta_subtracts_like_gos_complement(
    cls: IntType, all_ones: int
) -> None:
    # Go subtracts c with Add(^uint32(c-1)): 10 + ^uint32(2) == 7. goconc takes
    # the negative delta directly, and Go's all-ones delta gives the same result.
    n = cls(10)
    assert n.add(-3) == 7
    assert n.add(all_ones - 2) == 4  # ^uint(2), i.e. subtract 3
    m = cls()
    assert m.add(all_ones) == all_ones  # Go: 0 + ^uint32(0) == 4294967295


def test_int32_store_of_an_out_of_range_value_wraps_like_a_go_conversion() -> None:
    # Go: i.Store(int32(int64(1) << 31)) leaves -2147483648.
    n = atomic.Int32()
    n.store(1 << 31)
    assert n.load() == -(1 << 31)


def test_uint32_store_of_a_negative_value_wraps_like_a_go_conversion() -> None:
    # Go: x := -1; u.Store(uint32(x)) leaves 4294967295.
    n = atomic.Uint32()
    n.store(-1)
    assert n.load() == (1 << 32) - 1


def test_constructor_wraps_its_initial_value() -> None:
    assert atomic.Int32(1 << 31).load() == -(1 << 31)
    assert atomic.Uint32(-1).load() == (1 << 32) - 1


def test_swap_wraps_the_new_value() -> None:
    n = atomic.Uint64(5)
    assert n.swap(-1) == 5
    assert n.load() == (1 << 64) - 1


def test_compare_and_swap_wraps_old_like_every_other_argument() -> None:
    # Go: x := -1; u.Store(uint32(x)); u.CompareAndSwap(uint32(x), 0) -> true 0.
    u = atomic.Uint32()
    u.store(-1)
    assert u.compare_and_swap(-1, 0) is True
    assert u.load() == 0
    # Go: i.Store(int32(1<<31)); i.CompareAndSwap(int32(1<<31), 1) -> true 1.
    i = atomic.Int32()
    i.store(1 << 31)
    assert i.compare_and_swap(1 << 31, 1) is True
    assert i.load() == 1


def test_compare_and_swap_wraps_the_new_value() -> None:
    n = atomic.Int32((1 << 31) - 1)
    assert n.compare_and_swap((1 << 31) - 1, 1 << 31) is True
    assert n.load() == -(1 << 31)


def test_signed_and_with_a_negative_value_works_on_twos_complement() -> None:
    # Go: Int64 holding -1, And(0xFF) returns -1 and leaves 255.
    n = atomic.Int64(-1)
    assert n.and_(0xFF) == -1
    assert n.load() == 255


def test_signed_or_setting_the_sign_bit_gives_a_negative_value() -> None:
    # Go: Int32 holding 1, Or(math.MinInt32) returns 1 and leaves -2147483647.
    n = atomic.Int32(1)
    assert n.or_(-(1 << 31)) == 1
    assert n.load() == -(1 << 31) + 1


def test_unsigned_or_of_the_top_bits_stays_positive() -> None:
    # Go: Uint32 holding 0x0F, Or(0xF0000000) returns 15 and leaves 4026531855.
    n = atomic.Uint32(0x0F)
    assert n.or_(0xF0000000) == 0x0F
    assert n.load() == 4026531855


# --- Bool ------------------------------------------------------------------------------


def test_bool_zero_value_is_false() -> None:
    assert atomic.Bool().load() is False


def test_bool_constructor_sets_the_initial_value() -> None:
    assert atomic.Bool(True).load() is True


def test_bool_store_then_load() -> None:
    b = atomic.Bool()
    b.store(True)
    assert b.load() is True
    b.store(False)
    assert b.load() is False


def test_bool_swap_returns_the_old_value() -> None:
    b = atomic.Bool()
    assert b.swap(True) is False
    assert b.load() is True
    assert b.swap(True) is True


def test_bool_compare_and_swap_succeeds_when_the_value_matches() -> None:
    b = atomic.Bool(True)
    assert b.compare_and_swap(True, False) is True
    assert b.load() is False


def test_bool_compare_and_swap_fails_and_changes_nothing_when_the_value_differs() -> None:
    b = atomic.Bool(False)
    assert b.compare_and_swap(True, False) is False
    assert b.load() is False


def test_bool_repr_shows_the_value() -> None:
    assert repr(atomic.Bool()) == "<atomic.Bool False>"
    assert repr(atomic.Bool(True)) == "<atomic.Bool True>"


# --- Value: the operations -------------------------------------------------------------


def test_value_load_before_any_store_is_none() -> None:
    assert atomic.Value[str]().load() is None


def test_value_store_then_load() -> None:
    v: atomic.Value[str] = atomic.Value()
    v.store("config v1")
    assert v.load() == "config v1"
    v.store("config v2")
    assert v.load() == "config v2"


def test_value_swap_returns_the_old_value() -> None:
    v: atomic.Value[str] = atomic.Value()
    v.store("b")
    assert v.swap("c") == "b"
    assert v.load() == "c"


def test_value_swap_on_an_empty_value_returns_none_and_stores() -> None:
    # Go: Swap(1) on an empty Value returns <nil> and leaves 1.
    v: atomic.Value[int] = atomic.Value()
    assert v.swap(1) is None
    assert v.load() == 1


def test_value_compare_and_swap_succeeds_when_the_value_matches() -> None:
    v: atomic.Value[str] = atomic.Value()
    v.store("a")
    assert v.compare_and_swap("a", "b") is True
    assert v.load() == "b"


def test_value_compare_and_swap_fails_and_changes_nothing_when_the_value_differs() -> None:
    v: atomic.Value[str] = atomic.Value()
    v.store("a")
    assert v.compare_and_swap("zz", "b") is False
    assert v.load() == "a"


def test_value_compare_and_swap_from_none_stores_into_an_empty_value() -> None:
    # Go: CompareAndSwap(nil, "a") on an empty Value -> true a.
    v: atomic.Value[str] = atomic.Value()
    assert v.compare_and_swap(None, "a") is True
    assert v.load() == "a"


def test_value_compare_and_swap_from_none_fails_once_a_value_is_stored() -> None:
    # Go: CompareAndSwap(nil, "b") after "a" was stored -> false a.
    v: atomic.Value[str] = atomic.Value()
    v.store("a")
    assert v.compare_and_swap(None, "b") is False
    assert v.load() == "a"


def test_value_compare_and_swap_from_a_value_fails_on_an_empty_value() -> None:
    # Go: CompareAndSwap("x", "y") on an empty Value -> false <nil>.
    v: atomic.Value[str] = atomic.Value()
    assert v.compare_and_swap("x", "y") is False
    assert v.load() is None


def test_value_compare_and_swap_of_nan_fails_as_nan_never_equals_itself() -> None:
    # Go: Store(math.NaN()); CompareAndSwap(math.NaN(), 1.0) -> false.
    v: atomic.Value[float] = atomic.Value()
    v.store(math.nan)
    assert v.compare_and_swap(math.nan, 1.0) is False


def test_value_repr_shows_the_stored_value() -> None:
    v: atomic.Value[str] = atomic.Value()
    assert repr(v) == "<atomic.Value None>"
    v.store("c")
    assert repr(v) == "<atomic.Value 'c'>"


# --- Value: panics (messages printed by Go 1.27's recover()) --------------------------


def test_value_store_of_none_panics_on_an_empty_value() -> None:
    v: atomic.Value[Any] = atomic.Value()
    assert panic_message(v.store, None) == "sync/atomic: store of nil value into Value"
    assert v.load() is None


def test_value_store_of_none_panics_and_keeps_the_stored_value() -> None:
    v: atomic.Value[Any] = atomic.Value()
    v.store("a")
    assert panic_message(v.store, None) == "sync/atomic: store of nil value into Value"
    assert v.load() == "a"


def test_value_store_of_a_different_type_panics() -> None:
    v: atomic.Value[Any] = atomic.Value()
    v.store("config v1")
    assert (
        panic_message(v.store, 42) == "sync/atomic: store of inconsistently typed value into Value"
    )
    assert v.load() == "config v1"


def test_value_store_of_a_subclass_is_a_different_type() -> None:
    # bool is a subclass of int in Python; in Go, int and bool (or any two named
    # types) are different types, and the exact type is what must match.
    v: atomic.Value[Any] = atomic.Value()
    v.store(1)
    assert (
        panic_message(v.store, True)
        == "sync/atomic: store of inconsistently typed value into Value"
    )


def test_value_swap_of_none_panics() -> None:
    v: atomic.Value[Any] = atomic.Value()
    assert panic_message(v.swap, None) == "sync/atomic: swap of nil value into Value"
    v.store("a")
    assert panic_message(v.swap, None) == "sync/atomic: swap of nil value into Value"
    assert v.load() == "a"


def test_value_swap_of_a_different_type_panics() -> None:
    v: atomic.Value[Any] = atomic.Value()
    v.store("a")
    assert panic_message(v.swap, 42) == "sync/atomic: swap of inconsistently typed value into Value"
    assert v.load() == "a"


def test_value_compare_and_swap_with_a_none_new_value_panics() -> None:
    # Go checks new before anything else: even CompareAndSwap(nil, nil) on an
    # empty Value panics.
    msg = "sync/atomic: compare and swap of nil value into Value"
    v: atomic.Value[Any] = atomic.Value()
    assert panic_message(v.compare_and_swap, None, None) == msg
    v.store("a")
    assert panic_message(v.compare_and_swap, "a", None) == msg
    assert v.load() == "a"


def test_value_compare_and_swap_with_old_and_new_of_different_types_panics() -> None:
    # Go checks old against new before looking at the stored value, so this
    # panics on an empty Value too.
    msg = "sync/atomic: compare and swap of inconsistently typed values"
    v: atomic.Value[Any] = atomic.Value()
    assert panic_message(v.compare_and_swap, "x", 1) == msg
    v.store("a")
    assert panic_message(v.compare_and_swap, 42, "b") == msg
    assert v.load() == "a"


def test_value_compare_and_swap_with_new_of_a_different_type_than_stored_panics() -> None:
    # Go: Value holding a string, CompareAndSwap(42, 43) and CompareAndSwap(nil, 43).
    msg = "sync/atomic: compare and swap of inconsistently typed value into Value"
    v: atomic.Value[Any] = atomic.Value()
    v.store("a")
    assert panic_message(v.compare_and_swap, 42, 43) == msg
    assert panic_message(v.compare_and_swap, None, 43) == msg
    assert v.load() == "a"


# --- atomicity in goconc's model: goroutines switch between operations -------------------


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_concurrent_adds_with_yields_between_them_lose_no_update(seed: int) -> None:
    def main() -> int:
        n = atomic.Int64()
        wg = sync.WaitGroup()

        def worker() -> None:
            for _ in range(20):
                n.add(1)
                runtime.gosched()

        for _ in range(50):
            wg.go(worker)
        wg.wait()
        return n.load()

    assert vrun(main, seed=seed) == 1000


def test_a_load_then_store_with_a_yield_between_loses_updates() -> None:
    # The control for the test above: the same goroutines really interleave, so
    # a read-modify-write split by a switch is not atomic and loses increments.
    def main() -> int:
        n = atomic.Int64()
        wg = sync.WaitGroup()

        def worker() -> None:
            for _ in range(20):
                v = n.load()
                runtime.gosched()
                n.store(v + 1)

        for _ in range(50):
            wg.go(worker)
        wg.wait()
        return n.load()

    assert vrun(main) < 1000


def test_compare_and_swap_loop_with_yields_counts_exactly() -> None:
    def main() -> tuple[int, int]:
        n = atomic.Uint32()
        retries = 0
        wg = sync.WaitGroup()

        def worker() -> None:
            nonlocal retries
            for _ in range(30):
                while True:
                    old = n.load()
                    runtime.gosched()
                    if n.compare_and_swap(old, old + 1):
                        break
                    retries += 1

        for _ in range(10):
            wg.go(worker)
        wg.wait()
        return n.load(), retries

    total, retries = vrun(main)
    assert total == 300
    assert retries > 0, "no compare_and_swap ever failed: the goroutines did not contend"


def test_bool_compare_and_swap_lets_exactly_one_goroutine_win() -> None:
    def main() -> list[int]:
        flag = atomic.Bool()
        winners: list[int] = []
        wg = sync.WaitGroup()

        def contender(i: int) -> None:
            runtime.gosched()
            if flag.compare_and_swap(False, True):
                winners.append(i)

        for i in range(20):
            wg.go(contender, i)
        wg.wait()
        return winners

    assert len(vrun(main)) == 1
