// time.After in a loop is a new timer per pass (an idle timeout); one timer
// outside the loop is a deadline for the whole loop; Reset re-arms one timer.
package main

import (
	"fmt"
	"time"
)

// produce sends n values, one every 400ms, then closes the channel.
func produce(n int) <-chan int {
	values := make(chan int, n)
	go func() {
		defer close(values)
		for i := 0; i < n; i++ {
			time.Sleep(400 * time.Millisecond)
			values <- i
		}
	}()
	return values
}

func main() {
	// A deadline for the whole loop: one timer, made once.
	first := produce(3)
	deadline := time.NewTimer(1000 * time.Millisecond)
	defer deadline.Stop()
deadlineLoop:
	for {
		select {
		case v := <-first:
			fmt.Println("deadline loop got", v)
		case <-deadline.C:
			fmt.Println("deadline loop: 1s is up")
			break deadlineLoop
		}
	}
	for range first { // let the producer finish
	}

	// An idle timeout: time.After makes a new timer every pass.
	values := produce(2)
afterLoop:
	for {
		select {
		case v, ok := <-values:
			if !ok {
				fmt.Println("after loop: producer done")
				values = nil // a nil channel is never ready
				continue
			}
			fmt.Println("after loop got", v)
		case <-time.After(600 * time.Millisecond):
			fmt.Println("after loop: idle for 600ms")
			break afterLoop
		}
	}

	// The same idle timeout with one timer, re-armed by Reset after each value.
	values = produce(2)
	idle := time.NewTimer(600 * time.Millisecond)
	defer idle.Stop()
resetLoop:
	for {
		select {
		case v, ok := <-values:
			if !ok {
				fmt.Println("reset loop: producer done")
				values = nil
				continue
			}
			fmt.Println("reset loop got", v)
			idle.Reset(600 * time.Millisecond) // Go 1.23+: no need to drain idle.C first
		case <-idle.C:
			fmt.Println("reset loop: idle for 600ms")
			break resetLoop
		}
	}
}
