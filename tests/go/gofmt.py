"""Print values the way Go's fmt does, for the twins: None is <nil>, booleans are lowercase."""

from typing import Any


def show(v: Any) -> str:
    """``fmt.Sprint(v)`` for the values these programs print."""
    if v is None:
        return "<nil>"
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)
