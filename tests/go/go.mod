// The Go halves of the parity tests: one program per folder.
module goparity

go 1.27

// golang.org/x/sync (errgroup, semaphore) is not downloadable here: an
// unmodified copy of v0.20.0, from the Go distribution's vendor tree, is in
// ./xsync (see its README).
require golang.org/x/sync v0.20.0

replace golang.org/x/sync => ./xsync
