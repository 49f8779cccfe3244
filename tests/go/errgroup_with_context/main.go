// errgroup: the first error cancels the group's context and is what Wait returns;
// SetLimit bounds the active goroutines. (golang.org/x/sync v0.20.0.)
package main

import (
	"context"
	"fmt"
	"time"

	"golang.org/x/sync/errgroup"
)

func main() {
	g, ctx := errgroup.WithContext(context.Background())
	finished := make(chan int, 3)
	for i := 1; i <= 3; i++ {
		g.Go(func() error {
			select {
			case <-time.After(time.Duration(i) * 20 * time.Millisecond):
				if i == 2 {
					return fmt.Errorf("task %d failed", i)
				}
				finished <- i
				return nil
			case <-ctx.Done():
				return ctx.Err() // not the first error: Wait ignores it
			}
		})
	}
	fmt.Println("Wait:", g.Wait())
	fmt.Println("ctx:", ctx.Err(), "| cause:", context.Cause(ctx))
	close(finished)
	for i := range finished {
		fmt.Println("finished:", i)
	}

	var ok errgroup.Group
	ok.Go(func() error { return nil })
	fmt.Println("Wait without errors:", ok.Wait())

	var limited errgroup.Group
	limited.SetLimit(2)
	release := make(chan struct{})
	task := func() error { <-release; return nil }
	fmt.Println("TryGo:", limited.TryGo(task), limited.TryGo(task), limited.TryGo(task))
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		limited.SetLimit(3)
	}()
	close(release)
	fmt.Println("Wait:", limited.Wait())
	limited.SetLimit(3)
	fmt.Println("SetLimit after Wait is fine")
}
