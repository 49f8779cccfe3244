// The worker's every blocking operation has an exit path: a select on ctx.Done().
package main

import (
	"context"
	"fmt"
	"runtime"
	"time"
)

func startWorker(ctx context.Context, jobs <-chan int, results chan<- int) {
	go func() {
		for {
			select {
			case j := <-jobs:
				select {
				case results <- j * j:
				case <-ctx.Done():
					return
				}
			case <-ctx.Done():
				fmt.Println("worker stops:", ctx.Err())
				return
			}
		}
	}()
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	fmt.Println("goroutines at start:", runtime.NumGoroutine())
	jobs := make(chan int)
	results := make(chan int)
	startWorker(ctx, jobs, results)
	for i := 1; i <= 3; i++ {
		jobs <- i
		fmt.Println("result:", <-results)
	}
	fmt.Println("goroutines while working:", runtime.NumGoroutine())
	cancel() // the exit path: the worker sees ctx.Done() and returns
	for runtime.NumGoroutine() > 1 {
		time.Sleep(time.Millisecond) // a goroutine that is returning may exist a moment longer
	}
	fmt.Println("goroutines at the end:", runtime.NumGoroutine())
}
