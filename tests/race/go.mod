// The Go halves of the race corpus (tests/test_race_corpus.py): one program per
// folder, each built with `go build -race` and run beside its Python twin.
module racecorpus

go 1.27

require golang.org/x/sync v0.20.0

replace golang.org/x/sync => ../go/xsync
