// The Go programs of the practice questions (chapters/questions/*.json, "language": "go"):
// tests/test_practice_questions.py builds and runs each folder with real Go.
module questions

go 1.27

require golang.org/x/sync v0.20.0

replace golang.org/x/sync => ../../../tests/go/xsync
