// A debouncer, the program that chapter 16 tests: debounce_test.go tests it with
// testing/synctest, and tests/test_debounce.py tests its twin with pytest.
package main

import (
	"fmt"
	"time"
)

// debounce forwards the last value of each burst on in, once in has been quiet
// for d. When in is closed, it sends the value still waiting, if any, and
// closes its output.
func debounce(in <-chan string, d time.Duration) <-chan string {
	out := make(chan string)
	go func() {
		defer close(out)
		var last string
		waiting := false
		quiet := time.NewTimer(d)
		quiet.Stop()
		for {
			select {
			case v, ok := <-in:
				if !ok {
					if waiting {
						out <- last
					}
					return
				}
				last, waiting = v, true
				quiet.Reset(d) // Go 1.23+: no stale value can follow a Reset
			case <-quiet.C:
				out <- last
				waiting = false
			}
		}
	}()
	return out
}

func main() {
	start := time.Now()
	in := make(chan string)
	go func() {
		// Someone types "hey", stops, then adds "!" and leaves.
		for _, ev := range []struct {
			at   time.Duration
			text string
		}{
			{0, "h"}, {200 * time.Millisecond, "he"}, {400 * time.Millisecond, "hey"},
			{1400 * time.Millisecond, "hey!"},
		} {
			time.Sleep(ev.at - time.Since(start))
			in <- ev.text
		}
		time.Sleep(1600*time.Millisecond - time.Since(start))
		close(in)
	}()
	for text := range debounce(in, 500*time.Millisecond) {
		fmt.Println(time.Since(start).Round(100*time.Millisecond), "search for", text)
	}
	fmt.Println(time.Since(start).Round(100*time.Millisecond), "input closed")
}
