// The Go halves of the parity tests: one program per folder.
module goparity

go 1.27

// golang.org/x/sync (errgroup, semaphore) is not downloadable here, but Go
// ships it: $GOROOT/src/cmd/vendor/golang.org/x/sync (v0.20.0). The parity
// test copies it to .gocache/xsync (git-ignored) before building.
require golang.org/x/sync v0.20.0

replace golang.org/x/sync => ../../.gocache/xsync
