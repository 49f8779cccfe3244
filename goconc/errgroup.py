"""Go's errgroup (in progress)."""
