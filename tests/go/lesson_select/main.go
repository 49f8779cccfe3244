// The lesson's select: a result, a timeout or cancellation, whichever comes first.
package main

import (
	"context"
	"fmt"
	"time"
)

func handle(msg string) { fmt.Println("handled", msg) }

// wait is the lesson's select; the timeout is a parameter so that the
// timeout case runs in milliseconds rather than the lesson's 5 seconds.
func wait(ctx context.Context, results <-chan string, timeout time.Duration) error {
	select {
	case msg := <-results:
		handle(msg)
	case <-time.After(timeout):
		return fmt.Errorf("timeout")
	case <-ctx.Done():
		return ctx.Err()
	}
	return nil
}

func later(d time.Duration, msg string) <-chan string {
	results := make(chan string, 1)
	go func() {
		time.Sleep(d)
		results <- msg
	}()
	return results
}

func main() {
	bg := context.Background()
	fmt.Println("result first:", wait(bg, later(10*time.Millisecond, "msg"), 5*time.Second))
	fmt.Println("timeout first:", wait(bg, later(time.Second, "msg"), 20*time.Millisecond))

	ctx, cancel := context.WithCancel(bg)
	time.AfterFunc(10*time.Millisecond, cancel)
	fmt.Println("cancelled first:", wait(ctx, later(time.Second, "msg"), 5*time.Second))

	// Add a default case to make the select non-blocking (poll).
	results := make(chan string)
	select {
	case msg := <-results:
		handle(msg)
	default:
		fmt.Println("no result yet")
	}
}
