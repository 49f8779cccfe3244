// The Go halves of the parity tests: one program per folder, standard library only.
module goparity

go 1.27
