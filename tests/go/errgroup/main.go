// golang.org/x/sync/errgroup: the first error wins and cancels the group's context.
package main

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"
)

func main() {
	var g errgroup.Group
	for i := 1; i <= 3; i++ {
		g.Go(func() error {
			time.Sleep(time.Duration(i) * 100 * time.Millisecond) // 100ms apart, so the order holds on a busy machine
			if i >= 2 {
				return fmt.Errorf("task %d failed", i)
			}
			return nil
		})
	}
	fmt.Println("Wait:", g.Wait())

	var ok errgroup.Group
	ok.Go(func() error { return nil })
	fmt.Println("all succeed:", ok.Wait())

	// WithContext: the first error cancels ctx; the others see ctx.Done.
	g2, ctx := errgroup.WithContext(context.Background())
	g2.Go(func() error {
		time.Sleep(10 * time.Millisecond)
		return errors.New("fetch failed")
	})
	for i := 0; i < 3; i++ {
		g2.Go(func() error {
			select {
			case <-time.After(time.Second):
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}
	fmt.Println("Wait:", g2.Wait())
	fmt.Println("ctx:", ctx.Err(), "| cause:", context.Cause(ctx))

	// SetLimit: at most 2 tasks at a time; TryGo fails at the limit.
	var g3 errgroup.Group
	g3.SetLimit(2)
	var running atomic.Int64
	release := make(chan struct{})
	for i := 0; i < 2; i++ {
		g3.Go(func() error {
			running.Add(1)
			<-release
			running.Add(-1)
			return nil
		})
	}
	fmt.Println("TryGo at the limit:", g3.TryGo(func() error { return nil }))
	close(release)
	for i := 0; i < 4; i++ {
		g3.Go(func() error {
			n := running.Add(1)
			if n > 2 {
				return errors.New("limit exceeded")
			}
			time.Sleep(time.Millisecond)
			running.Add(-1)
			return nil
		})
	}
	fmt.Println("limited Wait:", g3.Wait())
	fmt.Println("TryGo below the limit:", g3.TryGo(func() error { return nil }))
	fmt.Println("Wait:", g3.Wait())
}
