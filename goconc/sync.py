"""Go's sync (in progress)."""
