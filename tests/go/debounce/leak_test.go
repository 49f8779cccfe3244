//go:build leakdemo

package main

// A test that fails on purpose, to show what synctest.Test does with a goroutine
// left behind. It is built only with -tags leakdemo (tests/test_go_test.py).

import (
	"testing"
	"testing/synctest"
	"time"
)

func TestForgetsToCloseTheInput(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		in := make(chan string)
		out := debounce(in, 500*time.Millisecond)
		in <- "hey"
		if v := <-out; v != "hey" {
			t.Errorf("got %q, want %q", v, "hey")
		}
		// No close(in): debounce's goroutine waits for more input for ever.
	})
}
