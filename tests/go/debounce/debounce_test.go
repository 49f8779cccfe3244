package main

import (
	"testing"
	"testing/synctest"
	"time"
)

// Inside synctest.Test, time is fake: it moves only when every goroutine of the
// test's bubble is durably blocked, so these tests take no real time.

func TestABurstGivesItsLastValue(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		in := make(chan string)
		out := debounce(in, 500*time.Millisecond)
		start := time.Now()
		in <- "h"
		in <- "he"
		synctest.Wait() // until debounce's goroutine is durably blocked
		select {
		case v := <-out:
			t.Fatalf("got %q before the input was quiet", v)
		default:
		}
		if v := <-out; v != "he" {
			t.Errorf("got %q, want %q", v, "he")
		}
		if d := time.Since(start); d != 500*time.Millisecond {
			t.Errorf("sent after %v, want 500ms", d)
		}
		close(in)
		if v, ok := <-out; ok {
			t.Errorf("got %q after the input was closed", v)
		}
	})
}

func TestCloseSendsTheValueStillWaiting(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		in := make(chan string)
		out := debounce(in, 500*time.Millisecond)
		in <- "hey"
		synctest.Sleep(499 * time.Millisecond) // time.Sleep, then synctest.Wait
		select {
		case v := <-out:
			t.Fatalf("got %q after 499ms", v)
		default:
		}
		close(in)
		if v := <-out; v != "hey" {
			t.Errorf("got %q, want %q", v, "hey")
		}
		if _, ok := <-out; ok {
			t.Error("the output is still open")
		}
	})
}

func TestNothingInNothingOut(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		in := make(chan string)
		out := debounce(in, time.Second)
		close(in)
		if v, ok := <-out; ok {
			t.Errorf("got %q from an input that sent nothing", v)
		}
	})
}
