"""Go's semaphore (in progress)."""
