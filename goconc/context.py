"""Go's context (in progress)."""
