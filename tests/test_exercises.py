"""goconc.exercises: every checker accepts its solution and rejects realistic wrong answers,
each with the message a learner needs; and checking never disturbs the learner's program.

The solutions of the exercises that are on a page are the page's (tests/solutions/
nbsolutions.py reads them from the notebook); the others are the registry's. A wrong
answer is the code a learner might write, and the test asserts on the words of the
message that tell them what is wrong.
"""

from __future__ import annotations

import json
import linecache
import re
import textwrap
from typing import Any

import pytest
from solutions.nbsolutions import CHAPTERS, solution_code

import goconc
from goconc import exercises, go, runtime, time
from goconc.exercises import EXERCISES

#: CPython's message for max() of an empty list, which 3.12 reworded
#: ("max() arg is an empty sequence" before, "max() iterable argument is empty" since).
try:
    max([])
except ValueError as _e:
    MAX_OF_EMPTY = str(_e)

#: The exercises whose text and solution are on their chapter's page already.
ON_PAGE = {
    "ex-goroutines-sleep-sort", "ex-channels-pipeline", "ex-waitgroup-lengths",
    "ex-mutex-keycounter", "ex-mantra-account", "ex-select-first-of", "ex-context-retry",
    "ex-fan-out-ordered", "ex-pitfalls-first-reply", "ex-takeaways-merge",
    "ex-timers-drain", "ex-timers-bucket", "ex-errgroup-ctx-after-wait", "ex-errgroup-map-limited",
    "ex-pipelines-merge2", "ex-sync-barrier",
    "ex-capstone-crawler", "ex-capstone-google", "ex-capstone-downloader",
    "ex-testing-debounce-test", "ex-python-gather",
    "ex-memory-model-progress", "ex-memory-model-lazy",
}
#: Chapters past the lesson whose exercises are all capstones ("write" exercises).
CAPSTONES = ("19-capstones",)
#: Chapters whose notebooks show both exercises with a starter and a checker cell: all of them.
WIRED = ("02-goroutines", "03-channels", "04-waitgroup", "05-mutexes", "06-mantra", "07-select",
         "08-context", "09-fan-out-fan-in", "10-pitfalls", "11-takeaways", "12-timers",
         "13-errgroup", "14-pipelines", "15-sync-toolbox", "16-testing", "17-memory-model",
         "18-go-and-python", "19-capstones")


def namespace(code: str, name: str = "<your cell>") -> dict[str, Any]:
    code = textwrap.dedent(code)
    # the source is where a notebook cell's is, for checkers that run the race detector
    linecache.cache[name] = (len(code), None, code.splitlines(True), name)
    ns: dict[str, Any] = {"__name__": "__main__"}
    exec(compile(code, name, "exec"), ns)
    return ns


def solution(label: str) -> str:
    ex = EXERCISES[label]
    if label in ON_PAGE:
        return solution_code(f"{ex.chapter}.ipynb", label)
    return ex.solution


def changed(code: str, old: str, new: str) -> str:
    """``code`` with one edit: the wrong answers that differ from a solution by a line."""
    assert old in code, f"{old!r} is not in the code any more"
    return code.replace(old, new)


def verdict_of(label: str, code: str) -> exercises.Verdict:
    return exercises.verdict(label, namespace(code))


@pytest.fixture(autouse=True)
def _fresh_top_level() -> None:
    goconc.reset(clock="virtual", seed=1)


# --- the registry ------------------------------------------------------------------------


def test_every_chapter_from_2_on_has_a_written_exercise_and_a_find_the_bug() -> None:
    kinds: dict[str, list[str]] = {}
    for ex in EXERCISES.values():
        if ex.chapter not in CAPSTONES:
            kinds.setdefault(ex.chapter, []).append(ex.kind)
    assert sorted(kinds) == ["02-goroutines", "03-channels", "04-waitgroup", "05-mutexes",
                             "06-mantra", "07-select", "08-context", "09-fan-out-fan-in",
                             "10-pitfalls", "11-takeaways", "12-timers", "13-errgroup",
                             "14-pipelines", "15-sync-toolbox", "16-testing",
                             "17-memory-model", "18-go-and-python"]
    for chapter, ks in kinds.items():
        # chapter 10 has a third: find and fix the race, checked with race=True
        assert len(ks) == (3 if chapter == "10-pitfalls" else 2), chapter
        assert "find-the-bug" in ks, chapter


def test_the_capstones_are_three_written_exercises() -> None:
    capstones = [ex for ex in EXERCISES.values() if ex.chapter in CAPSTONES]
    assert [ex.label for ex in capstones] == [
        "ex-capstone-crawler", "ex-capstone-google", "ex-capstone-downloader"]
    assert all(ex.kind == "write" for ex in capstones)


def test_every_exercise_off_the_page_has_its_text_hints_and_solution_as_data() -> None:
    for label, ex in EXERCISES.items():
        assert ex.starter.strip(), label
        if label in ON_PAGE:
            continue
        assert ex.kind == "find-the-bug" and ex.text and ex.hints and ex.solution, label
        exercise, sol = ex.myst()
        assert exercise.startswith(f"````{{exercise}} {ex.title}\n:label: {label}\n")
        assert exercise.count("```{dropdown} Hint") == len(ex.hints)
        assert sol.startswith(f"````{{solution}} {label}\n:class: dropdown\n")
        assert ex.solution.strip() in sol


def test_every_exercise_on_the_page_is_the_one_the_registry_checks() -> None:
    for label in ON_PAGE:
        assert solution_code(f"{EXERCISES[label].chapter}.ipynb", label)


@pytest.mark.parametrize("chapter", WIRED)
def test_wired_chapters_show_the_registry_s_text_starter_and_solution(chapter: str) -> None:
    nb = json.loads((CHAPTERS / f"{chapter}.ipynb").read_text())
    cells = nb["cells"]
    for ex in (e for e in EXERCISES.values() if e.chapter == chapter):
        starters = [i for i, c in enumerate(cells) if c["cell_type"] == "code"
                    and "".join(c["source"]).strip() == ex.starter.strip()]
        assert len(starters) == 1, f"{ex.label}: the starter cell"
        i = starters[0]
        check = "".join(cells[i + 1]["source"])
        assert check == f'from goconc import exercises\n\nexercises.check("{ex.label}")'
        printed = "".join("".join(o.get("text", "")) for o in cells[i + 1]["outputs"])
        assert printed == str(exercises.verdict(ex.label, namespace(ex.starter))) + "\n"
        assert "exercise-starter" in cells[i]["metadata"]["tags"]
        assert "exercise-check" in cells[i + 1]["metadata"]["tags"]
        if ex.label not in ON_PAGE:
            exercise, sol = ex.myst()
            text = "\n\n".join("".join(c["source"]) for c in cells)
            assert exercise in text and sol in text, ex.label
            assert solution_code(f"{chapter}.ipynb", ex.label).strip() == ex.solution.strip()


# --- every checker accepts its solution --------------------------------------------------


@pytest.mark.parametrize("label", sorted(EXERCISES))
def test_the_solution_passes(label: str, capsys: pytest.CaptureFixture[str]) -> None:
    v = verdict_of(label, solution(label))
    capsys.readouterr()  # a solution may print, as the pipeline's does
    assert v.passed, str(v)
    assert str(v).startswith(f"✔ {label} passed: ") and "\n" not in str(v)


@pytest.mark.parametrize("label", sorted(k for k in ON_PAGE if EXERCISES[k].kind == "write"))
def test_the_untouched_starter_is_not_done_yet(label: str) -> None:
    v = verdict_of(label, EXERCISES[label].starter)
    assert not v.passed and not v.done
    assert str(v).startswith(f"✘ {label}: not done yet. Your code still raises "
                             f"NotImplementedError at line ")


def test_a_missing_name_is_not_done_yet() -> None:
    v = exercises.verdict("ex-channels-pipeline", namespace("def gen(*nums): pass"))
    assert not v.done
    assert "`sq` is not defined" in v.message


# --- every checker rejects realistic wrong answers, with the message that says why -------

GEN_NO_CLOSE = """
    from goconc import chan, go

    def gen(*nums):
        out = chan(int)
        def run():
            for n in nums:
                out.send(n)
        go(run)
        return out.recv_only()

    def sq(inp):
        out = chan(int)
        def run():
            try:
                for n in inp:
                    out.send(n * n)
            finally:
                out.close()
        go(run)
        return out.recv_only()
"""

LESSON_PROCESS = """
    from goconc import chan, go, recv, select, send, sync

    def process_ordered(ctx, items):
        jobs = chan(int)
        results = chan(int, len(items))
        wg = sync.WaitGroup()
        def worker():
            try:
                for item in jobs:
                    try:
                        r = work(ctx, item)
                    except Exception:
                        continue
                    results.send(r)
            finally:
                wg.done()
        for _ in range(10):
            wg.add(1)
            go(worker)
        def feed():
            try:
                for item in items:
                    match select(send(jobs, item), recv(ctx.done())):
                        case 1, _:
                            return
            finally:
                jobs.close()
        go(feed)
        def close_results():
            wg.wait()
            results.close()
        go(close_results)
        out = [r for r in results]
        return out, ctx.err()
"""

MERGE_NO_CTX = """
    from goconc import chan, go, sync

    def merge(ctx, *inputs):
        out = chan(int)
        wg = sync.WaitGroup()
        def forward(inp):
            try:
                for v in inp:
                    out.send(v)
            finally:
                wg.done()
        for inp in inputs:
            wg.add(1)
            go(forward, inp)
        go(lambda: (wg.wait(), out.close()))
        return out.recv_only()
"""


def wrong_answers() -> list[tuple[str, str, str, list[str]]]:
    """(label, name, code, words the message must contain)."""
    sol = solution
    return [
        # chapter 2
        ("ex-goroutines-sleep-sort", "the final sleep is too short",
         changed(sol("ex-goroutines-sleep-sort"), "(max(nums, default=0) + 1)",
                 "(max(nums, default=0) // 2)"),
         ["sleep_sort([30, 10, 20]) returned [10] after 15ms, expected [10, 20, 30]",
          "2 goroutines were still sleeping", "sleep_sort.sleeper) is sleeping",
          "The final sleep was too short"]),
        ("ex-goroutines-sleep-sort", "max of an empty list",
         changed(sol("ex-goroutines-sleep-sort"), "max(nums, default=0)", "max(nums)"),
         [f"sleep_sort([]) raised ValueError: {MAX_OF_EMPTY} at line"]),
        ("ex-goroutines-sleep-sort", "no goroutines at all",
         "def sleep_sort(nums):\n    return sorted(nums)\n",
         ["sleep_sort([30, 10, 20]) returned the right list, but started 0 goroutines for 3 "
          "numbers", "start one goroutine per number"]),
        ("ex-goroutines-wait-for-them", "the starter's guessed sleep",
         EXERCISES["ex-goroutines-wait-for-them"].starter,
         ["run_all({'a': 30, 'b': 10, 'c': 20}) returned ['b', 'c'] after 20ms, expected "
          "['b', 'c', 'a']", "1 goroutine was still sleeping", "run_all.work) is sleeping",
          "A sleep is a guess"]),
        ("ex-goroutines-wait-for-them", "a sleep long enough for these tasks",
         changed(EXERCISES["ex-goroutines-wait-for-them"].starter, "20 * time.Millisecond",
                 "time.Second"),
         ["returned the right names, but after 1s", "the longest task needed only 30ms"]),
        ("ex-goroutines-wait-for-them", "one receive for all the tasks",
         changed(sol("ex-goroutines-wait-for-them"), "    for _ in tasks:\n        done.recv()",
                 "    done.recv()"),
         ["returned ['b'] after 10ms", "2 goroutines were still sleeping"]),
        # chapter 3
        ("ex-channels-pipeline", "gen does not close its channel", GEN_NO_CLOSE,
         ["list(gen(1, 2, 3)) never returns", "a deadlock",
          "the call is blocked in chan receive",
          "The goroutine that gen started has ended without closing its channel"]),
        ("ex-channels-pipeline", "gen sends before it returns", """
            from goconc import chan

            def gen(*nums):
                out = chan(int)
                for n in nums:
                    out.send(n)
                out.close()
                return out

            def sq(inp):
                return inp
         """,
         ["gen(1, 2, 3) never returns", "the call is blocked in chan send at line 7 of gen",
          "gen sends before it returns", "return the channel at once"]),
        ("ex-channels-pipeline", "lists instead of channels", """
            def gen(*nums):
                return list(nums)

            def sq(inp):
                return [n * n for n in inp]
         """,
         ["gen(1, 2, 3) returned [1, 2, 3] (a list), not a channel"]),
        ("ex-channels-pipeline", "sq reads all its input before it returns", """
            from goconc import chan

            def gen(*nums):
                out = chan(int, len(nums))
                for n in nums:
                    out.send(n)
                out.close()
                return out

            def sq(inp):
                return gen(*[n * n for n in inp])
         """,
         ["sq(inp), with an input that has sent nothing yet, never returns",
          "the call is blocked in chan receive at line 12 of sq", "sq waits before it returns",
          "return the channel at once"]),
        ("ex-channels-pipeline", "sq does not close its channel",
         changed(GEN_NO_CLOSE, "            for n in nums:\n                out.send(n)\n",
                 "            for n in nums:\n                out.send(n)\n"
                 "            out.close()\n").replace(
             "            try:\n                for n in inp:\n                    out.send(n * n)"
             "\n            finally:\n                out.close()",
             "            for n in inp:\n                out.send(n * n)"),
         ["list(sq(gen(2, 3, 4))) never returns",
          "The goroutine that sq started has ended without closing its channel"]),
        ("ex-channels-deadlock", "the starter: main sends to itself",
         EXERCISES["ex-channels-deadlock"].starter,
         ["shout_all(['go', 'is', 'fun']) never returns", "a deadlock",
          "the call is blocked in chan send at line 7 of shout_all",
          "the only goroutine that would receive is shout_all itself"]),
        ("ex-channels-deadlock", "a buffer of one",
         changed(EXERCISES["ex-channels-deadlock"].starter, "chan(str)", "chan(str, 1)"),
         ["shout_all(['go', 'is', 'fun']) never returns", "blocked in chan send at line 7"]),
        ("ex-channels-deadlock", "a producer that never closes",
         changed(sol("ex-channels-deadlock"), "            ch.close()  # ends the receiving "
                 "loop below", "            pass"),
         ["never returns", "the call is blocked in chan receive",
          "the loop that receives ends only when the channel is closed"]),
        # chapter 4
        ("ex-waitgroup-lengths", "the starter: a closure over the loop variables",
         EXERCISES["ex-waitgroup-lengths"].starter,
         ["lengths(['go', 'is', 'great']) returned [0, 0, 5], expected [2, 2, 5]",
          "every goroutine wrote the length of the last word, 'great'",
          "They read i and w when they ran"]),
        ("ex-waitgroup-lengths", "no wait", """
            from goconc import go

            def lengths(words):
                out = [0] * len(words)
                for i, w in enumerate(words):
                    go(lambda i=i, w=w: out.__setitem__(i, len(w)))
                return out
         """,
         ["returned [0, 0, 0]", "3 goroutines had not even started",
          "lengths returned before its goroutines had finished"]),
        ("ex-waitgroup-lengths", "no goroutines at all",
         "def lengths(words):\n    return [len(w) for w in words]\n",
         ["returned the right lengths, but started 0 goroutines for 3 words",
          "one goroutine per word"]),
        ("ex-waitgroup-lengths", "done twice",
         changed(sol("ex-waitgroup-lengths"), "        out[i] = len(w)\n",
                 "        out[i] = len(w)\n        wg.done()\n"),
         ["crashed the program", "panicked: sync: negative WaitGroup counter",
          "done() was called more often than add()"]),
        ("ex-waitgroup-add-before-go", "the starter: add inside the goroutine",
         EXERCISES["ex-waitgroup-add-before-go"].starter,
         ["returned {} after 0s", "3 goroutines had not even started",
          "wg.wait() returned at once, because the counter was still 0",
          "Call wg.add(1) before go(...)"]),
        ("ex-waitgroup-add-before-go", "add(len(pages)) for each page",
         changed(sol("ex-waitgroup-add-before-go"), "wg.add(1)  # counted before",
                 "wg.add(len(pages))  # counted before"),
         ["never returns", "the call is blocked in sync.WaitGroup.Wait at line",
          "every add must be matched by exactly one done()"]),
        ("ex-waitgroup-add-before-go", "fetched one after another", """
            from goconc import sync, time

            def fetch_sizes(pages):
                sizes = {}
                for name, ms in pages.items():
                    time.sleep(ms * time.Millisecond)
                    sizes[name] = 100 * len(name)
                return sizes
         """,
         ["returned the right sizes after 60ms; the slowest page takes only 30ms"]),
        # chapter 5
        ("ex-mutex-keycounter", "no lock", """
            from goconc import runtime

            class KeyCounter:
                def __init__(self):
                    self.counts = {}
                def inc(self, key):
                    v = self.counts.get(key, 0)
                    runtime.gosched()
                    self.counts[key] = v + 1
                def value(self, key):
                    return self.counts.get(key, 0)
         """,
         ["value('a') is 9 and value('b') is 10, not 500", "491 and 490 updates were lost",
          "hold the mutex from the read to the write"]),
        ("ex-mutex-keycounter", "value() called under the lock",
         changed(sol("ex-mutex-keycounter"), "v = self.counts.get(key, 0)", "v = self.value(key)"),
         ["inc('x') never returns", "the call is blocked in sync.Mutex.Lock at line",
          "of KeyCounter.value", "a sync.Mutex is not reentrant"]),
        ("ex-mutex-keycounter", "no yield", """
            from goconc import sync

            class KeyCounter:
                def __init__(self):
                    self.mu = sync.Mutex()
                    self.counts = {}
                def inc(self, key):
                    with self.mu:
                        self.counts[key] = self.counts.get(key, 0) + 1
                def value(self, key):
                    with self.mu:
                        return self.counts.get(key, 0)
         """,
         ["inc('x') never lets another goroutine run", "runtime.gosched()"]),
        ("ex-mutex-check-then-act", "the starter: check and act under two locks",
         EXERCISES["ex-mutex-check-then-act"].starter,
         ["20 got one, and left('apple') is now -10", "Exactly 10 should get one",
          "check and update under one lock"]),
        ("ex-mutex-check-then-act", "left() called under the lock",
         changed(sol("ex-mutex-check-then-act"), "if self.counts.get(item, 0) == 0:",
                 "if self.left(item) == 0:"),
         ["take('pear') never returns", "blocked in sync.Mutex.Lock at line 10 of Stock.left",
          "called from Stock.take", "a sync.Mutex is not reentrant"]),
        ("ex-mutex-check-then-act", "the lock released before the yield",
         changed(sol("ex-mutex-check-then-act"),
                 "                return False\n            runtime.gosched()",
                 "                return False\n        runtime.gosched()\n        with self.mu:"),
         ["20 got one, and left('apple') is now -10"]),
        # chapter 6
        ("ex-mantra-account", "close() does not stop the owner",
         changed(sol("ex-mantra-account"), "        self._requests.close()", "        pass"),
         ["close() returned, but 1 goroutine was still blocked 1s after it returned (leaked)",
          "goroutine 3 (Account._serve) is blocked in chan receive at line",
          "close() must end the owner goroutine"]),
        ("ex-mantra-account", "a mutex", """
            from goconc import sync

            class Account:
                def __init__(self):
                    self.mu = sync.Mutex()
                    self.total = 0
                def deposit(self, amount):
                    with self.mu:
                        self.total += amount
                def withdraw(self, amount):
                    with self.mu:
                        if amount > self.total:
                            return False
                        self.total -= amount
                        return True
                def balance(self):
                    with self.mu:
                        return self.total
                def close(self):
                    pass
         """,
         ["Account uses a sync.Mutex (self.mu)", "sharing memory by communicating"]),
        ("ex-mantra-account", "the balance as an attribute", """
            from goconc import runtime

            class Account:
                def __init__(self):
                    self.total = 0
                def deposit(self, amount):
                    self.total += amount
                def withdraw(self, amount):
                    if amount > self.total:
                        return False
                    runtime.gosched()
                    self.total -= amount
                    return True
                def balance(self):
                    return self.total
                def close(self):
                    pass
         """,
         ["The balance is an attribute of the object (self.total == 1000)"]),
        ("ex-mantra-handover", "the starter: the list is reused after the send",
         EXERCISES["ex-mantra-handover"].starter,
         ["returned [['g'], ['g'], ['g']], expected [['a', 'b', 'c'], ['d', 'e', 'f'], ['g']]",
          "3 batches, but all one and the same list", "it belongs to the receiver"]),
        ("ex-mantra-handover", "a buffered channel",
         changed(EXERCISES["ex-mantra-handover"].starter, "chan(list)", "chan(list, 10)"),
         ["returned [['g'], ['g'], ['g']]", "all one and the same list"]),
        ("ex-mantra-handover", "the receiver copies, too late",
         changed(EXERCISES["ex-mantra-handover"].starter, "return [b for b in out]",
                 "return [list(b) for b in out]"),
         ["returned [['d', 'e', 'f'], ['d', 'e', 'f'], ['g']]",
          "Did the producer change a batch after sending it?"]),
        # chapter 7
        ("ex-select-first-of", "the replicas in list order", """
            def first_of(ctx, timeout, replicas):
                for r in replicas:
                    return r.recv()
         """,
         ["first_of(ctx, 1s, [a after 30ms, b after 10ms]) returned 'a' after 30ms; "
          "expected 'b', the first answer, after 10ms."]),
        ("ex-select-first-of", "no case for ctx", """
            from goconc import recv, select, time

            def first_of(ctx, timeout, replicas):
                i, v = select(*[recv(r) for r in replicas], recv(time.after(timeout)))
                if i == len(replicas):
                    raise TimeoutError("timeout")
                return v
         """,
         ["first_of(ctx, 1s, [a after 50ms]) returned 'a' after 50ms; ctx is cancelled "
          "after 5ms, so it should raise context canceled (ctx.err()) after 5ms."]),
        ("ex-select-first-of", "a timeout that is not a TimeoutError", """
            from goconc import recv, select, time

            def first_of(ctx, timeout, replicas):
                i, v = select(*[recv(r) for r in replicas], recv(time.after(timeout)),
                              recv(ctx.done()))
                if i == len(replicas):
                    raise ValueError("too slow")
                if i > len(replicas):
                    raise ctx.err()
                return v
         """,
         ["first_of(ctx, 20ms, [a after 50ms, b after 80ms]) raised ValueError: too slow",
          "after 20ms; no answer comes within 20ms, so it should raise "
          "TimeoutError('timeout')."]),
        ("ex-select-budget", "the starter: a new timer every pass",
         EXERCISES["ex-select-budget"].starter,
         ["collect(msgs, 35ms), where msgs is a message every 10ms for a second, returned "
          "100 messages after 1.035s; it should return ['m1', 'm2', 'm3'] after 35ms",
          "each pass of the loop starts a new time.after(35ms)",
          "Make the timer once, before the loop."]),
        ("ex-select-budget", "a sleep, then whatever is there", """
            from goconc import default, recv_ok, select, time

            def collect(msgs, budget):
                time.sleep(budget)
                got = []
                while True:
                    match select(recv_ok(msgs), default):
                        case 0, (msg, True):
                            got.append(msg)
                        case _:
                            return got
         """,
         ["returned 1 message after 35ms; it should return ['m1', 'm2', 'm3'] after 35ms."]),
        # chapter 8
        ("ex-context-retry", "time.sleep between attempts",
         changed(sol("ex-context-retry"),
                 "        match select(recv(time.after(delay)), recv(ctx.done())):\n"
                 "            case 1, _:\n                raise ctx.err()",
                 "        time.sleep(delay)"),
         ["with a 100ms timeout on ctx and an op that always fails, raised context deadline "
          "exceeded after 150ms, not after 100ms", "time.sleep cannot be interrupted"]),
        ("ex-context-retry", "no backoff",
         changed(sol("ex-context-retry"), "        delay = 2 * delay", "        pass"),
         ["called op 3 times and returned after 20ms, waiting 10ms, 10ms between the attempts",
          "waits of 10ms and 20ms (twice as long each time)"]),
        ("ex-context-retry", "the attempt's error instead of ctx.err()",
         changed(changed(sol("ex-context-retry"), "                raise ctx.err() from None",
                         "                raise"),
                 "            case 1, _:\n                raise ctx.err()",
                 "            case 1, _:\n                raise ValueError('gave up')"),
         ["raised ValueError: gave up", "should raise context deadline exceeded (ctx.err())"]),
        ("ex-context-pass-it-on", "the starter: load_orders makes its own context",
         EXERCISES["ex-context-pass-it-on"].starter,
         ["handler(ctx, orders_ms=100) returned ['user', 'orders of user'] after 120ms",
          "so it should raise context deadline exceeded (ctx.err()) after 50ms",
          "every function that blocks must take ctx (first) and pass it on"]),
        ("ex-context-pass-it-on", "the budget derived from background()",
         changed(sol("ex-context-pass-it-on"), "with context.with_timeout(ctx,",
                 "with context.with_timeout(context.background(),"),
         ["handler(ctx), with ctx cancelled by the caller after 30ms, returned ['user', "
          "'orders of user'] after 40ms", "should raise context canceled (ctx.err()) after 30ms",
          "every context must be derived from the one the caller passed in"]),
        # chapter 9
        ("ex-fan-out-ordered", "the lesson's process: order of completion", LESSON_PROCESS,
         ["process_ordered(ctx, [1, 2, 3, 4, 5, 6]) returned [9, 36, 1, 16, 4], expected "
          "[1, 4, 9, 16, 36]", "in the order the workers finished them"]),
        ("ex-fan-out-ordered", "sorted by value",
         changed(LESSON_PROCESS, "return out, ctx.err()", "return sorted(out), ctx.err()"),
         ["process_ordered(ctx, [9, 8, 7, 6, 4, 3, 2, 1]) returned [1, 4, 9, 16, 36, 49, 64, 81]",
          "the results sorted by value"]),
        ("ex-fan-out-ordered", "one worker",
         changed(solution("ex-fan-out-ordered"), "for _ in range(10):", "for _ in range(1):"),
         ["process_ordered(ctx, [40, 39, …, 1]) took", "not processed 10 at a time"]),
        ("ex-fan-out-closer", "the starter: wait before reading",
         EXERCISES["ex-fan-out-closer"].starter,
         ["squares([1, 2, 3, 4, 5]) never returns", "a deadlock",
          "the call is blocked in sync.WaitGroup.Wait at line 28 of squares",
          "(squares.worker) is blocked in chan send at line 12",
          "each waits for the other"]),
        ("ex-fan-out-closer", "a buffer of three",
         changed(EXERCISES["ex-fan-out-closer"].starter, "results = chan(int)",
                 "results = chan(int, 3)"),
         ["squares([1, 2, 3, 4, 5]) never returns", "each waits for the other"]),
        ("ex-fan-out-closer", "a closer that does not wait",
         changed(sol("ex-fan-out-closer"), "        wg.wait()\n        results.close()",
                 "        results.close()"),
         ["squares([1, 2, 3, 4, 5]) crashed the program",
          "(squares.worker) panicked: send on closed channel at line 12 of squares.worker",
          "a receiver never closes"]),
        ("ex-fan-out-closer", "nobody closes results",
         changed(EXERCISES["ex-fan-out-closer"].starter,
                 "    wg.wait()  # wait for the workers,\n    results.close()  # then close "
                 "results,\n", ""),
         ["never returns", "the call is blocked in chan receive",
          "nobody closes results"]),
        # chapter 10
        ("ex-pitfalls-first-reply", "the leaky version", """
            from goconc import chan, go

            def first_reply(ctx, replicas):
                replies = chan(str)
                for name, delay in replicas.items():
                    go(lambda name=name, delay=delay: replies.send(query(ctx, name, delay)))
                return replies.recv()
         """,
         ["returned, but 2 goroutines were still blocked 1ms after it returned (leaked)",
          "(first_reply.<lambda>) is blocked in select", "The slower queries must stop at once"]),
        ("ex-pitfalls-first-reply", "a buffer but no cancel", """
            from goconc import chan, go

            def first_reply(ctx, replicas):
                replies = chan(str, len(replicas))
                for name, delay in replicas.items():
                    go(lambda name=name, delay=delay: replies.send(query(ctx, name, delay)))
                return replies.recv()
         """,
         ["2 goroutines were still blocked 1ms after it returned (leaked)"]),
        ("ex-pitfalls-who-closes", "the starter: the receiver closes",
         EXERCISES["ex-pitfalls-who-closes"].starter,
         ["first_n(3) crashed the program: goroutine 3 (numbers) panicked: send on closed "
          "channel at line 7 of numbers.", "a receiver never closes"]),
        ("ex-pitfalls-who-closes", "no close at all",
         changed(EXERCISES["ex-pitfalls-who-closes"].starter,
                 "    ch.close()  # we have enough: tell numbers to stop\n", ""),
         ["first_n(3) returned, but 1 goroutine was still blocked 1ms after it returned",
          "goroutine 3 (numbers) is blocked in chan send at line 7",
          "first_n must tell it to stop"]),
        ("ex-pitfalls-find-the-race", "the starter: counts unguarded",
         EXERCISES["ex-pitfalls-find-the-race"].starter,
         ["tally(['go', 'py', 'go']) has a data race: Read at counts by goroutine 2, at "
          "line 9 of tally.count; Previous write at counts by goroutine 4, at line 9",
          "hold one sync.Mutex around every access to it (the read too)"]),
        ("ex-pitfalls-find-the-race", "the read outside the lock",
         changed(EXERCISES["ex-pitfalls-find-the-race"].solution,
                 "        with mu:\n            counts[word] = counts.get(word, 0) + 1\n",
                 "        v = counts.get(word, 0)\n        with mu:\n"
                 "            counts[word] = v + 1\n"),
         ["has a data race: Read at counts by goroutine 2, at line 10 of tally.count",
          "Previous write at counts by goroutine 4, at line 12 of tally.count"]),
        ("ex-pitfalls-find-the-race", "wg.add inside the goroutine",
         changed(changed(EXERCISES["ex-pitfalls-find-the-race"].solution,
                         "        wg.add(1)\n        go(count, word)\n",
                         "        go(count, word)\n"),
                 "    def count(word: str) -> None:\n",
                 "    def count(word: str) -> None:\n        wg.add(1)\n"),
         ["tally(['go', 'py', 'go']) returned {}, expected {'go': 2, 'py': 1}."]),
        # chapter 11
        ("ex-takeaways-merge", "no select on ctx.done()", MERGE_NO_CTX,
         ["list(merge(ctx, slow, silent)), where ctx times out after 25ms",
          "never returns", "(merge.forward) is blocked in chan receive at line",
          "needs a select with ctx.done()"]),
        ("ex-takeaways-merge", "the output is never closed", """
            from goconc import chan, go

            def merge(ctx, *inputs):
                out = chan(int)
                def forward(inp):
                    for v in inp:
                        out.send(v)
                for inp in inputs:
                    go(forward, inp)
                return out.recv_only()
         """,
         ["list(merge(ctx, a, b, c)), where a sends 1, 2, 3", "never returns",
          "the output was never closed"]),
        ("ex-takeaways-merge", "a zero taken for the end", """
            from goconc import chan, go, recv, select, sync

            def merge(ctx, *inputs):
                out = chan(int)
                wg = sync.WaitGroup()
                def forward(inp):
                    try:
                        while True:
                            i, v = select(recv(inp), recv(ctx.done()))
                            if i == 1 or v == 0:
                                return
                            out.send(v)
                    finally:
                        wg.done()
                for inp in inputs:
                    wg.add(1)
                    go(forward, inp)
                go(lambda: (wg.wait(), out.close()))
                return out.recv_only()
         """,
         ["list(merge(ctx, zeros)), where zeros sends 0, 0, 5, is []",
          "a 0 from an input is a value"]),
        ("ex-takeaways-every-path", "the starter: done() skipped on the early return",
         EXERCISES["ex-takeaways-every-path"].starter,
         ["serve(ctx, 50ms) never returns", "a deadlock",
          "the call is blocked in chan receive at line 29 of serve",
          "(serve.<lambda>) is blocked in sync.WaitGroup.Wait",
          "an ask whose lookup raised returned without calling wg.done()"]),
        ("ex-takeaways-every-path", "done() on the deadline path only",
         changed(EXERCISES["ex-takeaways-every-path"].starter,
                 "                except context.DeadlineExceeded:\n",
                 "                except context.DeadlineExceeded:\n"
                 "                    wg.done()\n"),
         ["serve(ctx, 1s), with ctx cancelled by the caller after 20ms, crashed the program",
          "(serve.ask) raised Canceled: context canceled"]),
        ("ex-takeaways-every-path", "no return after the except",
         changed(EXERCISES["ex-takeaways-every-path"].starter,
                 "return  # too late: nothing to send", "pass"),
         ["serve(ctx, 50ms) crashed the program", "raised UnboundLocalError"]),
        # chapter 12
        ("ex-timers-drain", "the starter: the old drain", EXERCISES["ex-timers-drain"].starter,
         ["with events a at 100ms, b at 200ms, c at 1s, d at 1.1s never returns", "a deadlock",
          "the call is blocked in chan receive at line 13 of watch",
          "so t.stop() returns False, and the drain t.c.recv() blocks"]),
        ("ex-timers-drain", "time.after in the select: a new timer every pass",
         changed(sol("ex-timers-drain"), "match select(recv_ok(events), recv(t.c)):",
                 "match select(recv_ok(events), recv(time.after(idle))):"),
         ["printed ['event a', 'event b', 'idle', 'idle', 'event c', 'event d']",
          "After an idle the timer must wait for the next event to be re-armed"]),
        ("ex-timers-drain", "no reset: the timer is never re-armed",
         changed(sol("ex-timers-drain"),
                 "                    t.reset(idle)  # Go 1.23+: no stale value can follow a "
                 "reset\n", ""),
         ["e at 2s printed ['event a', 'event b', 'idle', 'event c', 'event d', 'event e']",
          "each event re-arms it for a full 300ms"]),
        ("ex-timers-bucket", "an unbuffered bucket",
         changed(sol("ex-timers-bucket"),
                 "tokens = chan(datetime, burst)\n    for _ in range(burst):\n"
                 "        tokens.send(time.now())", "tokens = chan(datetime)"),
         ["returned a channel with room for 0 tokens", "make it chan(datetime, burst)"]),
        ("ex-timers-bucket", "the bucket starts empty",
         changed(sol("ex-timers-bucket"),
                 "    for _ in range(burst):\n        tokens.send(time.now())\n", ""),
         ["returned a bucket with 0 tokens in it; it starts full, with 3"]),
        ("ex-timers-bucket", "done is never looked at",
         changed(sol("ex-timers-bucket"), "match select(recv(tk.c), recv(done)):",
                 "match select(recv(tk.c), recv(chan())):"),
         ["then done.close(), returned, but 1 goroutine was still blocked 500ms after",
          "(token_bucket.refill) is blocked in select",
          "Closing done must stop the goroutine that refills the bucket"]),
        ("ex-timers-bucket", "a blocking send keeps a fourth token",
         changed(sol("ex-timers-bucket"),
                 "select(send(tokens, t), default)  # full: the token is lost", "tokens.send(t)"),
         ["after a pause of 1s five requests got their tokens at 0s, 0s, 0s, 0s, 0s",
          "a token made while it is full is dropped"]),
        # chapter 13
        ("ex-errgroup-ctx-after-wait", "the starter: save gets the group's context",
         EXERCISES["ex-errgroup-ctx-after-wait"].starter,
         ["fetch_and_save(ctx, ['a', 'bb', 'ccc']) raised context canceled after 30ms",
          "save was given the group's context, which errgroup cancels when wait returns"]),
        ("ex-errgroup-ctx-after-wait", "the fetches do not share the group's context",
         changed(sol("ex-errgroup-ctx-after-wait"), "pages[i] = fetch(gctx, url)",
                 "pages[i] = fetch(ctx, url)"),
         ["where fetching 'bad' fails raised the fetch's error, but after 100ms, not 5ms",
          "the fetches must share the group's context"]),
        ("ex-errgroup-ctx-after-wait", "no wait before the save",
         changed(sol("ex-errgroup-ctx-after-wait"), "    g.wait()\n", ""),
         ["returned 'saved <a> <bb> <ccc>' after 50ms", "after 80ms"]),
        ("ex-errgroup-map-limited", "no limit",
         changed(sol("ex-errgroup-map-limited"), "    g.set_limit(limit)\n", ""),
         ["map_limited(ctx, ['a', 'bb', 'ccc', 'd'], 2, fetch) ran 4 calls at once",
          "at most 2 may run at once"]),
        ("ex-errgroup-map-limited", "results in the order of completion",
         changed(sol("ex-errgroup-map-limited"),
                 "    results = [None] * len(items)\n\n    def call(i, item):\n"
                 "        results[i] = f(gctx, item)",
                 "    results = []\n\n    def call(i, item):\n"
                 "        results.append(f(gctx, item))"),
         ["returned ['<a>', '<bb>', '<d>', '<ccc>']", "the results in the order of the items"]),
        ("ex-errgroup-map-limited", "the calls get the caller's context",
         changed(sol("ex-errgroup-map-limited"), "results[i] = f(gctx, item)",
                 "results[i] = f(ctx, item)"),
         ["raised the first error after 100ms",
          "the other calls should see their context cancelled at 30ms"]),
        # chapter 14
        ("ex-pipelines-merge2", "returns when the first input closes",
         changed(changed(sol("ex-pipelines-merge2"), "a = None  # closed: switch its case off",
                         "return"), "b = None", "return"),
         ["list(merge2(ctx, a, b)), where a sends 1, 2, 3 (10ms apart) and b sends 10, 20 "
          "(12ms apart), is [1, 10, 2, 20]: 3 is missing", "set it to None"]),
        ("ex-pipelines-merge2", "one input after the other", """
            from goconc import chan, go

            def merge2(ctx, a, b):
                out = chan(int)
                def run():
                    try:
                        for v in a:
                            out.send(v)
                        for v in b:
                            out.send(v)
                    finally:
                        out.close()
                go(run)
                return out.recv_only()
         """,
         ["is [1, 2, 3, 10, 20]; expected the values in the order they arrive: "
          "[1, 10, 2, 20, 3]", "Wait for both inputs at once, with one select"]),
        ("ex-pipelines-merge2", "a goroutine per input", MERGE_NO_CTX.replace(
            "def merge(ctx, *inputs):", "def merge2(ctx, *inputs):"),
         ["is right, but merge2 started 3 goroutines: the exercise asks for one goroutine"]),
        ("ex-pipelines-merge2", "no ctx.done() case",
         changed(changed(sol("ex-pipelines-merge2"),
                         "select(recv_ok(a), recv_ok(b), recv(ctx.done()))",
                         "select(recv_ok(a), recv_ok(b))"),
                 "                    case 2, _:\n                        return\n", ""),
         ["where ctx times out after 25ms, a sends 0, 1, 2 (10ms apart) and b never sends "
          "nor closes, never returns", "(merge2.run) is blocked in select at line",
          "its select needs a third case, recv(ctx.done())"]),
        ("ex-pipelines-merge2", "the output is never closed",
         changed(sol("ex-pipelines-merge2"), "            out.close()", "            pass"),
         ["never returns", "the output was never closed"]),
        ("ex-pipelines-done", "the starter: one value on done",
         EXERCISES["ex-pipelines-done"].starter,
         ["first_over(100, 4, 5, 6, 7) returned, but 1 goroutine was still blocked 1ms after "
          "it returned (leaked)", "(sq.run) is blocked in select at line 25",
          "a value sent on done reaches one goroutine only"]),
        ("ex-pipelines-done", "one value per stage",
         changed(EXERCISES["ex-pipelines-done"].starter,
                 "            done.send(None)  # tell the stages to stop\n",
                 "            for _ in range(3):  # one per stage\n"
                 "                done.send(None)\n"),
         ["first_over(100, 4, 5, 6, 7) never returns", "a deadlock",
          "the call is blocked in chan send at line 39 of first_over",
          "nobody will ever receive that value"]),
        ("ex-pipelines-done", "no signal at all",
         changed(EXERCISES["ex-pipelines-done"].starter,
                 "            done.send(None)  # tell the stages to stop\n", ""),
         ["first_over(100, 4, 5, 6, 7) returned, but 3 goroutines were still blocked",
          "(gen.run) is blocked in select at line 10", "Close done instead"]),
        # chapter 15
        ("ex-sync-barrier", "signal instead of broadcast",
         changed(sol("ex-sync-barrier"), ".broadcast()", ".signal()"),
         ["Barrier(3), with three goroutines calling wait() at 10ms, 20ms and 30ms, let only "
          "2 goroutines return (at 30ms, 30ms); 1 still waits in wait() a second later",
          "signal() wakes one waiter; broadcast() wakes them all"]),
        ("ex-sync-barrier", "no waiting at all",
         changed(sol("ex-sync-barrier"),
                 "            while self.arrived < self.n:\n                self.all_here.wait()\n",
                 ""),
         ["let them return at 10ms, 20ms, 30ms; expected all three at 30ms",
          "wait() must block (cond.wait() in a loop) until the count reaches n"]),
        ("ex-sync-barrier", "cond.wait() outside the lock",
         changed(sol("ex-sync-barrier"),
                 "            while self.arrived < self.n:\n                self.all_here.wait()",
                 "        while self.arrived < self.n:\n            self.all_here.wait()"),
         ["b.wait(), with b = Barrier(3), crashed the program: hit a fatal error: sync: unlock "
          "of unlocked mutex at line"]),
        ("ex-sync-barrier", "the last one waits too",
         changed(sol("ex-sync-barrier"), "while self.arrived < self.n:",
                 "while self.arrived <= self.n:"),
         ["let none of them return: the last one to arrive must wake the others"]),
        ("ex-sync-lock-order", "the starter: from, then to",
         EXERCISES["ex-sync-lock-order"].starter,
         ["running transfer(a, b, 10) and transfer(b, a, 20) at the same time never returns",
          "a deadlock", "(the checker's, calling transfer) is blocked in sync.Mutex.Lock at "
          "line 13 of transfer", "lock the two accounts in the same order in every transfer"]),
        ("ex-sync-lock-order", "ordered, but locks one account twice",
         changed(solution("ex-sync-lock-order"),
                 "    if src is dst:\n        return  # nothing moves; and locking src.mu twice "
                 "would wait for ever\n", ""),
         ["transfer(a, a, 5) never returns", "the call is blocked in sync.Mutex.Lock at line 14 "
          "of transfer", "is not reentrant"]),
        ("ex-sync-lock-order", "only the source's lock",
         changed(EXERCISES["ex-sync-lock-order"].starter,
                 "    with src.mu:\n        with dst.mu:\n            src.balance -= amount\n"
                 "            dst.balance += amount",
                 "    with src.mu:\n        src.balance -= amount\n        dst.balance += amount"),
         ["account 2's balance changed while its lock was not held"]),
        # chapter 17
        ("ex-memory-model-progress", "the starter: value() reads without the lock",
         EXERCISES["ex-memory-model-progress"].starter,
         ["3 workers calling add() 4 times each, 10ms apart, while a monitor calls value() "
          "every 15ms, has a data race",
          "Read of Progress.done by goroutine 5, at line 16 of Progress.value",
          "Previous write of Progress.done by goroutine 3, at line 13 of Progress.add",
          "No happens-before edge"]),
        ("ex-memory-model-progress", "value() locked, add() not",
         changed(sol("ex-memory-model-progress"),
                 "        with self.mu:\n            self.done += 1", "        self.done += 1"),
         ["has a data race", "of Progress.done by goroutine", "at line 12 of Progress.add"]),
        ("ex-memory-model-progress", "a new mutex for every read",
         changed(sol("ex-memory-model-progress"),
                 "        with self.mu:  # the read needs the edge too",
                 "        with sync.Mutex():"),
         ["has a data race", "Read of Progress.done by goroutine 5, at line 17 of "
          "Progress.value"]),
        ("ex-memory-model-lazy", "check, then load: no synchronization",
         changed(sol("ex-memory-model-lazy"),
                 "    once = sync.Once()\n    value: T\n\n    def init() -> None:\n"
                 "        nonlocal value\n        value = load()\n\n    def get() -> T:\n"
                 "        once.do(init)  # every do returns after init has returned\n",
                 "    value = None\n\n    def get():\n        nonlocal value\n"
                 "        if value is None:\n            value = load()\n"),
         ["make_lazy(load)'s get(), called by 6 goroutines at once, has a data race",
          "Write of value by goroutine 7, at line 15 of make_lazy.get",
          "Previous read of value by goroutine 2, at line 14 of make_lazy.get"]),
        ("ex-memory-model-lazy", "double-checked locking",
         changed(sol("ex-memory-model-lazy"),
                 "    def get() -> T:\n        once.do(init)  # every do returns after init "
                 "has returned\n",
                 "    done = False\n\n    def init_and_flag() -> None:\n"
                 "        nonlocal done\n        init()\n        done = True\n\n"
                 "    def get() -> T:\n        if not done:\n"
                 "            once.do(init_and_flag)\n"),
         ["has a data race", "Write of done by goroutine 7, at line 22 of "
          "make_lazy.init_and_flag", "Previous read of done by goroutine 2, at line 25 of "
          "make_lazy.get"]),
        ("ex-memory-model-lazy", "load called at once, not on the first get",
         changed(sol("ex-memory-model-lazy"),
                 "    def get() -> T:\n        once.do(init)  # every do returns after init "
                 "has returned\n",
                 "    once.do(init)\n\n    def get() -> T:\n"),
         ["make_lazy(load) called load before anyone called get()"]),
        ("ex-memory-model-lazy", "no cache: load on every call",
         changed(sol("ex-memory-model-lazy"),
                 "        once.do(init)  # every do returns after init has returned\n"
                 "        return value",
                 "        return load()"),
         ["6 goroutines called get() at once, and load was called 6 times"]),
    ]


def capstone_wrong_answers() -> list[tuple[str, str, str, list[str]]]:
    """Wrong answers to the capstones (chapter 19): each is the page's solution with one
    realistic change."""
    crawl = solution("ex-capstone-crawler")
    tick = ("            match select(recv(limiter.c), recv(ctx.done())):\n"
            "                case 1, _:\n"
            "                    raise ctx.err()\n")
    google = solution("ex-capstone-google")
    download = solution("ex-capstone-downloader")
    return [
        ("ex-capstone-crawler", "no dedupe",
         changed(crawl, "if depth <= 0 or url in seen:", "if depth <= 0:"),
         ["crawl(ctx, 'https://golang.org/', 4, fetch, 10ms) fetched https://golang.org/ 4 "
          "times", "Fetch each page once"]),
        ("ex-capstone-crawler", "no rate limit", changed(crawl, tick, ""),
         ["started fetch number 1 (https://golang.org/) at 0s",
          "at most one fetch may start per tick of `every`"]),
        ("ex-capstone-crawler", "a sleep in each goroutine instead of one shared ticker",
         changed(crawl, tick, "            time.sleep(every)\n"),
         ["crawl(ctx, 'a', 2, fetch, 10ms) started fetch number 5 (a2) at 40ms",
          "fetch 5 may not start before 50ms", "one ticker, shared by all the fetches"]),
        ("ex-capstone-crawler", "one page after another",
         changed(crawl, "        g.go(fetch_page)", "        fetch_page()"),
         ["crawl(ctx, 'a', 2, fetch, 10ms) took 150ms, fetching one page after another",
          "it can take 110ms at most"]),
        ("ex-capstone-crawler", "a group that does not cancel",
         changed(crawl, "    g, ctx = errgroup.with_context(ctx)", "    g = errgroup.Group()"),
         ["where fetching a1 fails, raised the right error, but after 150ms, while the fetch "
          "failed at 60ms", "errgroup.with_context(ctx)"]),
        ("ex-capstone-crawler", "a tick received without watching ctx",
         changed(crawl, tick, "            limiter.c.recv()\n"),
         ["raised the right error, but after 90ms, while the fetch failed at 60ms",
          "wait for a tick in a select with ctx.done()"]),
        ("ex-capstone-crawler", "depth off by one",
         changed(crawl, "if depth <= 0 or url in seen:", "if depth < 0 or url in seen:"),
         ["crawl(ctx, 'https://golang.org/', 2, fetch, 10ms) fetched "
          "https://golang.org/pkg/os/, which is 2 links from the start"]),
        ("ex-capstone-google", "Pike's unbuffered channel in first",
         changed(google, "c = chan(str, len(replicas))", "c = chan(str)"),
         ["first('golang', replicas answering after 30ms, 10ms, 20ms) returned, but 2 "
          "goroutines were still blocked 100ms after it returned (leaked)",
          "(first.<lambda>) is blocked in chan send", "chan(str, len(replicas))"]),
        ("ex-capstone-google", "an unbuffered channel in google",
         changed(google, "    c = chan(str, 3)", "    c = chan(str)"),
         ["google('golang', 40ms, web=[30ms], image=[10ms], video=[50ms]) returned, but 1 "
          "goroutine was still blocked 1s after it returned (leaked)",
          "(google.<lambda>) is blocked in chan send"]),
        ("ex-capstone-google", "the first replica only",
         changed(google, "    for r in replicas:\n        go(lambda r=r: c.send(r(query)))\n"
                 "    return c.recv()", "    return replicas[0](query)"),
         ["returned \"r1 result for 'golang'\" after 30ms; expected \"r2 result for "
          "'golang'\", the fastest, after 10ms"]),
        ("ex-capstone-google", "time.after inside the loop",
         changed(changed(google, "    deadline = time.after(timeout)  # one timer for the whole "
                         "search\n", ""), "recv(deadline)", "recv(time.after(timeout))"),
         ["returned \"video result for 'golang'\", which arrived after the 40ms timeout",
          "Make the timer once, before the loop"]),
        ("ex-capstone-downloader", "no limit",
         changed(download, "        g.set_limit(limit)\n", ""),
         ["ran 5 downloads at once; at most 2 may run at once"]),
        ("ex-capstone-downloader", "no budget",
         changed(download, "    with context.with_timeout(ctx, budget) as ctx:", "    if True:"),
         ["returned a body for video.mp4, which cannot finish within 700ms",
          "context.with_timeout(ctx, budget)"]),
        ("ex-capstone-downloader", "with_context, and the error passed on",
         changed(changed(download, "        g = errgroup.Group()", "        g, ctx = "
                         "errgroup.with_context(ctx)"),
                 "                        errors[url] = err", "                        "
                 "errors[url] = err\n                    raise"),
         ["2, 700ms, download) raised LookupError: 404 not found at line"]),
        ("ex-capstone-downloader", "errors dropped",
         changed(download, "                    with mu:\n                        errors[url] "
                 "= err", "                    pass"),
         ["returned errors for []; expected one for every URL without a body: "
          "['missing.txt', 'video.mp4']"]),
    ]


def wrong_answers_16() -> list[tuple[str, str, str, list[str]]]:
    """Wrong answers for the exercises of chapter 16."""
    debounce_test = solution("ex-testing-debounce-test")
    leak = EXERCISES["ex-testing-leak"]
    return [
        ("ex-testing-debounce-test", "no check of when the value goes out",
         changed(debounce_test, '    assert time.since(start) == 700 * ms, '
                 'f"sent after {time.since(start)}, want 700ms"\n', ""),
         ["Your test passes a debounce that starts its timer at the first value of a burst",
          "check when the value comes out, with time.since"]),
        ("ex-testing-debounce-test", "no close at the end: debounce's goroutine is left",
         changed(debounce_test, '    inp.close()  # with "hey" still waiting\n    v = out.recv()\n'
                 '    assert v == "hey", f"got {v!r} on close, want \'hey\'"\n'
                 '    assert out.recv_ok() == ("", False), "the output is still open"\n', ""),
         ["passes a correct debounce, but leaves its goroutine blocked when it returns",
          "close the input at the end of the test"]),
        ("ex-testing-debounce-test", "wants the first value of the burst",
         changed(debounce_test, 'assert v == "he", f"got {v!r}, want \'he\'"',
                 'assert v == "h", f"got {v!r}, want \'h\'"'),
         ["Your test fails a correct debounce: it raised AssertionError: got 'he', want 'h' "
          "at line 24 of debounce_test"]),
        ("ex-testing-debounce-test", "no check that the output is closed",
         changed(debounce_test,
                 '    assert out.recv_ok() == ("", False), "the output is still open"\n', ""),
         ["Your test passes a debounce that never closes its output",
          "check that the output is closed at the end"]),
        ("ex-testing-debounce-test", "one value only: the burst is not tested",
         changed(changed(debounce_test, '    time.sleep(200 * ms)\n    inp.send("he")'
                         '  # a burst of two, 200ms apart\n', ""),
                 "700 * ms", "500 * ms").replace('"he"', '"h"').replace("'he'", "'h'"),
         ["Your test passes a debounce that sends the first value of a burst instead of the "
          "last"]),
        ("ex-testing-leak", "the starter: two replicas wait for ever",
         leak.starter,
         ["first({'a': 30ms, 'b': 10ms, 'c': 20ms}) returned, but 2 goroutines were still "
          "blocked 1s after it returned (leaked)",
          "(first.<lambda>) is blocked in chan send at line 12",
          "nobody receives from replies again"]),
        ("ex-testing-leak", "a buffer of one: the third replica still waits",
         changed(leak.solution, "chan(str, len(replicas))", "chan(str, 1)"),
         ["but 1 goroutine was still blocked 1s after it returned (leaked)"]),
        ("ex-testing-leak", "waits for every reply",
         changed(leak.starter, "    return replies.recv()",
                 "    got = [replies.recv() for _ in replicas]\n    return got[0]"),
         ["first({'a': 30ms, 'b': 10ms, 'c': 20ms}) returned after 30ms; expected 10ms",
          "as soon as the fastest replica answers"]),
    ]


def wrong_answers_18() -> list[tuple[str, str, str, list[str]]]:
    """Wrong answers for the exercises of chapter 18."""
    gather = solution("ex-python-gather")
    timeout = EXERCISES["ex-python-timeout"]
    return [
        ("ex-python-gather", "a plain Group: the first error cancels nothing",
         changed(gather, "g, ctx = errgroup.with_context(ctx)", "g = errgroup.Group()"),
         ["where y fails after 15ms and x and z take 40ms and 60ms, raised after 60ms, and z "
          "finished", "give the calls the context of errgroup.with_context"]),
        ("ex-python-gather", "results in the order they finish",
         changed(changed(gather, "results[i] = call(ctx)", "results.append(call(ctx))"),
                 'results = [""] * len(calls)', "results: list[str] = []"),
         ["returned ['a', 'c', 'b']; expected ['a', 'b', 'c']"]),
        ("ex-python-gather", "one call after the other",
         """
            def gather(ctx, *calls):
                return [call(ctx) for call in calls]
         """,
         ["returned after 60ms; expected 30ms", "each in a goroutine"]),
        ("ex-python-gather", "a group of its own, cut off from the caller",
         changed(gather, "errgroup.with_context(ctx)",
                 "errgroup.with_context(context.background())"),
         ["with ctx cancelled by the caller after 5ms, returned ['s', 't'] after 50ms",
          "derive the group's context from the caller's ctx"]),
        ("ex-python-timeout", "the starter: work goes on, then its goroutine waits for ever",
         timeout.starter,
         ["gave up after 50ms, but work finished after 100ms: nothing told it to stop",
          "context.with_timeout"]),
        ("ex-python-timeout", "a buffered channel: no leak, but the work goes on",
         changed(timeout.starter, "result = chan(str)", "result = chan(str, 1)"),
         ["but work finished after 100ms"]),
        ("ex-python-timeout", "the timeout context made but not passed on",
         changed(timeout.solution, "as ctx:\n        return work(ctx)",
                 "as tctx:\n        return work(ctx)"),
         ["returned 'slow' after 100ms; expected it to raise a TimeoutError"]),
    ]


WRONG = [*wrong_answers(), *wrong_answers_16(), *wrong_answers_18(),
         *capstone_wrong_answers()]


def test_every_exercise_has_at_least_two_wrong_answers() -> None:
    counts = {label: 0 for label in EXERCISES}
    for label, *_ in WRONG:
        counts[label] += 1
    assert all(n >= 2 for n in counts.values()), counts


@pytest.mark.parametrize(("label", "name", "code", "words"), WRONG,
                         ids=[f"{w[0]}: {w[1]}" for w in WRONG])
def test_a_wrong_answer_gets_the_message_that_says_why(label: str, name: str, code: str,
                                                       words: list[str]) -> None:
    v = verdict_of(label, code)
    assert not v.passed and v.done, str(v)
    text = str(v)
    assert text.startswith(f"✘ {label}: not yet. ")
    for w in words:
        assert w in text, f"{w!r} not in:\n{text}"
    assert "goconc/" not in text and "Traceback" not in text  # the learner's terms only


def test_the_same_answer_gets_the_same_message_every_time() -> None:
    label = "ex-fan-out-closer"
    code = EXERCISES[label].starter
    assert len({str(verdict_of(label, code)) for _ in range(3)}) == 1


# --- checking is safe --------------------------------------------------------------------


def test_check_prints_the_verdict_and_reads_the_caller_s_globals(
        capsys: pytest.CaptureFixture[str]) -> None:
    ns = namespace(EXERCISES["ex-channels-deadlock"].solution)
    exec("from goconc import exercises\nexercises.check('ex-channels-deadlock')", ns)
    assert capsys.readouterr().out == (
        "✔ ex-channels-deadlock passed: shout_all works for any number of words, and no send "
        "waits for a receiver that never comes.\n")


def test_the_learner_s_top_level_program_is_left_as_it_was() -> None:
    ran: list[str] = []
    go(ran.append, "queued before the check")
    start = time.now()
    for label in ("ex-select-budget", "ex-fan-out-closer", "ex-takeaways-merge"):
        exercises.verdict(label, namespace(EXERCISES[label].starter))
    assert ran == [] and time.now() == start and runtime.num_goroutine() == 2
    runtime.gosched()
    assert ran == ["queued before the check"]
    time.sleep(time.Second)  # the virtual clock of the notebook still works
    assert time.since(start) == time.Second


def test_a_loop_that_never_blocks_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exercises, "REAL_TIME_LIMIT", 0.3)
    code = changed(changed(solution("ex-select-budget"), "recv_ok(msgs)", "recv(msgs)"),
                   "case 0, (msg, True):", "case 0, msg:")
    v = verdict_of("ex-select-budget", code)
    # The interrupt lands wherever the loop is at that moment: on a busy machine not
    # always in the select of line 8, but always in the loop, lines 7 to 10.
    assert re.search(r"collect\(msgs, 1s\), where msgs is 2 messages, 10ms apart, and then "
                     r"closed, kept running for 0\.3 s of real time without ever waiting at "
                     r"line (7|8|9|10) of collect:", str(v)), str(v)
    assert "a receive from a closed channel" in v.message
    ch = goconc.chan(int, 1)  # the top-level program is still usable
    ch.send(1)
    assert ch.recv() == 1


def test_a_busy_wait_in_the_learner_s_own_code_is_stopped(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exercises, "REAL_TIME_LIMIT", 0.3)
    v = verdict_of("ex-goroutines-sleep-sort", """
        def sleep_sort(nums):
            while True:
                pass
    """)
    assert "sleep_sort([30, 10, 20]) kept running for 0.3 s of real time" in v.message
    assert "at line 3 of sleep_sort" in v.message


def test_odd_answers_become_messages() -> None:
    cases = {
        "not a function": ("gen = 3\nsq = 4\n", "`gen` is not a function: it is 3 (int)."),
        "sys.exit": ("import sys\ndef gen(*n):\n    sys.exit(1)\ndef sq(c):\n    return c\n",
                     "gen(1, 2, 3) crashed the program: raised SystemExit: 1"),
        "a broken __ne__": ("""
            class Weird(list):
                def __ne__(self, other):
                    raise RuntimeError("no comparing")
            def shout_all(words):
                return Weird()
        """, "checking your code raised RuntimeError: no comparing at line 4 of Weird.__ne__"),
        "reset inside": ("import goconc\ndef gen(*n):\n    goconc.reset()\ndef sq(c):\n    pass\n",
                         "gen(1, 2, 3) raised RuntimeError: goconc.reset() cannot be called "
                         "inside goconc.run()"),
    }
    for name, (code, words) in cases.items():
        v = verdict_of("ex-channels-deadlock" if "shout_all" in code else "ex-channels-pipeline",
                       code)
        assert not v.passed, name
        assert words in v.message, f"{name}: {v.message}"


def test_checking_inside_a_goconc_program_says_where_to_call_it() -> None:
    ns = namespace(solution("ex-channels-deadlock"))
    v = goconc.run(lambda: exercises.verdict("ex-channels-deadlock", ns), clock="virtual")
    assert "call exercises.check at the top level of a cell or script" in v.message


def test_an_unknown_label_lists_the_labels() -> None:
    with pytest.raises(KeyError, match=re.escape("ex-channels-pipeline")):
        exercises.verdict("ex-channels-pipe", {})


# --- chapter 17: the checkers that run the learner's code with race=True -----------------


def test_a_race_checker_leaves_the_top_level_program_and_the_learner_s_code_as_they_were(
) -> None:
    ns = namespace(EXERCISES["ex-memory-model-progress"].starter)
    code = ns["Progress"].value.__code__
    before = str(exercises.verdict("ex-memory-model-progress", ns))
    assert "has a data race" in before
    assert ns["Progress"].value.__code__ is code  # the watched code was swapped back
    # the learner's top-level program still runs, unwatched: no report, no DataRace
    p = ns["Progress"]()
    go(p.add)
    runtime.gosched()
    assert p.value() == 1
    assert str(exercises.verdict("ex-memory-model-progress", ns)) == before


def test_a_race_checker_without_the_learner_s_source_says_so() -> None:
    ns: dict[str, Any] = {}
    exec(compile(EXERCISES["ex-memory-model-lazy"].starter.replace(
        'raise NotImplementedError("your make_lazy here")', "return load"),
        "<no source>", "exec"), ns)
    v = exercises.verdict("ex-memory-model-lazy", ns)
    assert not v.passed
    assert "the race detector needs the source of `make_lazy`" in v.message


def test_a_race_checker_turns_a_deadlock_and_a_wrong_type_into_messages() -> None:
    v = verdict_of("ex-memory-model-lazy", """
        from goconc import sync

        def make_lazy(load):
            mu = sync.Mutex()
            def get():
                mu.lock()  # never unlocked
                return load()
            return get
    """)
    assert not v.passed
    assert v.message.startswith("your code never returns: every goroutine is blocked")
    assert "is blocked in sync.Mutex.Lock at line 7 of make_lazy.get" in v.message
    v = verdict_of("ex-memory-model-lazy", "def make_lazy(load):\n    return 42\n")
    assert v.message == "make_lazy(load) returned 42 (a int), not a function."
