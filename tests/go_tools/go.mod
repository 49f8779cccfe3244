// Go programs that show what Go's tools report (tests/test_go_tools.py): not parity programs.
module gotools

go 1.27
