// A worker that ranges over a channel nobody closes outlives its last job: a goroutine leak.
package main

import (
	"fmt"
	"runtime"
	"time"
)

func startWorker(jobs <-chan int, results chan<- int) {
	go func() {
		for j := range jobs { // ends only when jobs is closed
			results <- j * j
		}
	}()
}

func main() {
	fmt.Println("goroutines at start:", runtime.NumGoroutine())
	jobs := make(chan int)
	results := make(chan int)
	startWorker(jobs, results)
	for i := 1; i <= 3; i++ {
		jobs <- i
		fmt.Println("result:", <-results)
	}
	// main forgets close(jobs): the worker waits for a fourth job for ever.
	time.Sleep(time.Second)
	fmt.Println("goroutines at the end:", runtime.NumGoroutine())
}
