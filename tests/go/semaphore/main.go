// golang.org/x/sync/semaphore: a weighted semaphore that honours ctx.
package main

import (
	"context"
	"fmt"
	"sort"
	"time"

	"golang.org/x/sync/semaphore"
)

func main() {
	bg := context.Background()
	sem := semaphore.NewWeighted(3)
	fmt.Println("TryAcquire(2):", sem.TryAcquire(2))
	fmt.Println("TryAcquire(2) with 1 left:", sem.TryAcquire(2))
	fmt.Println("TryAcquire(1):", sem.TryAcquire(1))

	// A blocked Acquire gives up when its context is done.
	ctx, cancel := context.WithTimeout(bg, 20*time.Millisecond)
	fmt.Println("Acquire with a timeout:", sem.Acquire(ctx, 1))
	cancel()

	// Release wakes waiters in FIFO order.
	got := make(chan string)
	go func() {
		if err := sem.Acquire(bg, 2); err == nil {
			got <- "big waiter acquired 2"
		}
	}()
	time.Sleep(10 * time.Millisecond)
	go func() {
		if err := sem.Acquire(bg, 1); err == nil {
			got <- "small waiter acquired 1"
		}
	}()
	time.Sleep(10 * time.Millisecond)
	sem.Release(1)
	// 1 is free, but the small waiter queues behind the big one.
	select {
	case m := <-got:
		fmt.Println("too early:", m)
	case <-time.After(20 * time.Millisecond):
		fmt.Println("1 free: the small waiter stays behind the big one")
	}
	sem.Release(2) // now both fit: they wake together
	woken := []string{<-got, <-got}
	sort.Strings(woken)
	fmt.Println(woken[0])
	fmt.Println(woken[1])

	// Limit concurrency to 2 workers out of 6.
	limit := semaphore.NewWeighted(2)
	results := make(chan int, 6)
	for i := 0; i < 6; i++ {
		if err := limit.Acquire(bg, 1); err != nil {
			panic(err)
		}
		go func() {
			defer limit.Release(1)
			results <- i * i
		}()
	}
	if err := limit.Acquire(bg, 2); err != nil { // waits for all workers
		panic(err)
	}
	close(results)
	sum := 0
	for v := range results {
		sum += v
	}
	fmt.Println("sum of squares:", sum)

	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		limit.Release(3)
	}()
}
