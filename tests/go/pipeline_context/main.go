// Context instead of done: ctx.Done() is the done channel, cancel closes it,
// and ctx.Err() says why the pipeline stopped; a timeout stops it too.
package main

import (
	"context"
	"fmt"
	"runtime"
	"time"
)

func gen(ctx context.Context, nums ...int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for _, n := range nums {
			select {
			case out <- n:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

func sq(ctx context.Context, in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for n := range in {
			select {
			case out <- n * n:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// count is a generator that never runs out: a value every tick, until ctx is done.
func count(ctx context.Context, every time.Duration) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		tick := time.NewTicker(every)
		defer tick.Stop()
		for n := 0; ; n++ {
			select {
			case <-tick.C:
			case <-ctx.Done():
				return
			}
			select {
			case out <- n:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

func main() {
	runtime.GOMAXPROCS(1) // one P: the order below is always the same
	runtime.Gosched()

	ctx, cancel := context.WithCancel(context.Background())
	out := sq(ctx, sq(ctx, gen(ctx, 2, 3, 4)))
	fmt.Println("first value:", <-out)
	cancel() // instead of close(done)
	time.Sleep(100 * time.Millisecond)
	fmt.Println("goroutines still there:", runtime.NumGoroutine(), "| ctx.Err():", ctx.Err())

	// A deadline stops the pipeline as well: range ends when sq closes out.
	ctx, cancel = context.WithTimeout(context.Background(), 700*time.Millisecond)
	defer cancel()
	start := time.Now() // times are truncated: a busy machine is late, never early
	for n := range sq(ctx, count(ctx, 200*time.Millisecond)) {
		fmt.Println(n, "at", time.Since(start).Truncate(100*time.Millisecond))
	}
	fmt.Printf("stopped at %v: %v\n", time.Since(start).Truncate(100*time.Millisecond), ctx.Err())
}
