// A nil channel is never ready: one goroutine merges two inputs in a
// for-select loop, and switches an input's case off once it is closed.
package main

import (
	"fmt"
	"time"
)

// produce sends name0, name1, ... (the first after start, then one every
// 400ms), then closes its channel.
func produce(name string, n int, start time.Duration) <-chan string {
	out := make(chan string)
	go func() {
		defer close(out)
		time.Sleep(start)
		for i := range n {
			if i > 0 {
				time.Sleep(400 * time.Millisecond)
			}
			out <- fmt.Sprint(name, i)
		}
	}()
	return out
}

// merge2 forwards both inputs until both are closed, in one goroutine.
func merge2(a, b <-chan string) <-chan string {
	out := make(chan string)
	go func() {
		defer close(out)
		for a != nil || b != nil {
			select {
			case v, ok := <-a:
				if !ok {
					a = nil // closed: a nil channel's case is never chosen
					continue
				}
				out <- v
			case v, ok := <-b:
				if !ok {
					b = nil
					continue
				}
				out <- v
			}
		}
	}()
	return out
}

func main() {
	start := time.Now() // times are truncated: a busy machine is late, never early
	for v := range merge2(produce("a", 3, 200*time.Millisecond), produce("b", 2, 400*time.Millisecond)) {
		fmt.Println(v, "at", time.Since(start).Truncate(100*time.Millisecond))
	}
	fmt.Println("both closed at", time.Since(start).Truncate(100*time.Millisecond))
}
