"""Go's atomic (in progress)."""
