// semaphore.Weighted: Acquire honours ctx, a done ctx wins, waiters are FIFO so a
// large request is not starved. (golang.org/x/sync v0.20.0.)
package main

import (
	"context"
	"fmt"
	"time"

	"golang.org/x/sync/semaphore"
)

func main() {
	bg := context.Background()
	sem := semaphore.NewWeighted(3)
	fmt.Println("TryAcquire(2), TryAcquire(2):", sem.TryAcquire(2), sem.TryAcquire(2))

	ctx, cancel := context.WithTimeout(bg, 10*time.Millisecond)
	defer cancel()
	fmt.Println("Acquire(2) with a timeout:", sem.Acquire(ctx, 2))

	big, cancelBig := context.WithTimeout(bg, 10*time.Millisecond)
	defer cancelBig()
	fmt.Println("Acquire(4) beyond the size:", sem.Acquire(big, 4))

	done, cancelDone := context.WithCancel(bg)
	cancelDone()
	fmt.Println("a done ctx wins even though 1 is free:", sem.Acquire(done, 1))

	order := make(chan string, 2)
	go func() {
		sem.Acquire(bg, 3)
		order <- "big"
		sem.Release(3)
	}()
	time.Sleep(20 * time.Millisecond)
	go func() {
		sem.Acquire(bg, 1)
		order <- "small"
		sem.Release(1)
	}()
	time.Sleep(20 * time.Millisecond)
	fmt.Println("TryAcquire(1) while a big request waits:", sem.TryAcquire(1))
	sem.Release(2)
	fmt.Println("served:", <-order, <-order)

	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		sem.Release(1)
	}()
}
