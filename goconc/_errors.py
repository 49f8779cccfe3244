"""Go's failure modes as Python exceptions: panics, fatal errors, Goexit and leaks."""

from __future__ import annotations

__all__ = ["AbandonWarning", "DataRace", "Deadlock", "Fatal", "Goexit", "Leak", "LeakWarning",
           "Panic"]


class Panic(RuntimeError):
    """A Go panic, such as ``send on closed channel``.

    Go's ``recover`` can stop a panic, so this is an ordinary ``RuntimeError``
    that ``except`` can catch. ``str(p)`` is Go's message, word for word.
    """


class Fatal(BaseException):
    """A Go fatal error, such as ``sync: unlock of unlocked mutex``.

    Go cannot recover from these, so this is a ``BaseException``: an
    ``except Exception`` handler does not catch it.
    """


class Deadlock(Fatal):
    """``all goroutines are asleep - deadlock!``, followed by a goroutine dump.

    Raised when the main goroutine is blocked and nothing can ever wake
    anything: no goroutine can run, no timer can fire, no blocking call is in
    flight.
    """


class DataRace(Fatal):
    """``Found N data race(s)``: a program run with ``race=True`` had data races.

    Raised by ``run()`` when main returns, as Go's ``-race`` makes the program
    exit with status 66. Each race was already reported on stderr, in Go's
    shape; ``reports`` holds those reports, one string each.
    """

    def __init__(self, message: str, reports: list[str] | None = None) -> None:
        super().__init__(message)
        self.reports: list[str] = list(reports or [])


class Goexit(BaseException):
    """Unwinds a goroutine that the program is stopping.

    When the program ends (main returned, another goroutine crashed, or an
    interrupt), every other goroutine is unwound with ``Goexit``: its
    ``finally`` and ``with`` blocks run, ``except Exception`` does not.
    """


class Leak(Exception):
    """Goroutines were still blocked when ``run()``'s main returned (``leaks="raise"``)."""


class LeakWarning(RuntimeWarning):
    """Goroutines were still blocked when ``run()``'s main returned (``leaks="warn"``)."""


class AbandonWarning(RuntimeWarning):
    """A goroutine could not be stopped when its program ended, and was left behind.

    It caught ``Goexit`` (a bare ``except:`` or ``except BaseException:``
    around a blocking call) and blocked again, time after time. The program
    ends without it: the goroutine never runs again, and its remaining
    ``finally`` blocks never run.
    """
