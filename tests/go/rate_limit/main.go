// Rate limiting, steady and bursty (after Go by Example's "Rate Limiting").
package main

import (
	"fmt"
	"time"
)

func main() {
	const every = 200 * time.Millisecond

	// Steady: one request per tick.
	requests := make(chan int, 5)
	for i := 1; i <= 5; i++ {
		requests <- i
	}
	close(requests)
	limiter := time.NewTicker(every)
	start := time.Now()
	for req := range requests {
		<-limiter.C
		fmt.Println("request", req, "at", time.Since(start).Round(every))
	}
	limiter.Stop()

	// Bursty: a buffered channel of tokens. It starts full, so a burst of 3
	// goes through at once; a ticker refills it, one token per tick.
	tokens := make(chan time.Time, 3)
	for i := 0; i < 3; i++ {
		tokens <- time.Now()
	}
	done := make(chan struct{})
	refill := time.NewTicker(every)
	go func() {
		defer refill.Stop()
		for {
			select {
			case t := <-refill.C:
				select {
				case tokens <- t:
				default: // the bucket is full: this token is lost
				}
			case <-done:
				return
			}
		}
	}()

	bursty := make(chan int, 5)
	for i := 1; i <= 5; i++ {
		bursty <- i
	}
	close(bursty)
	start = time.Now()
	for req := range bursty {
		<-tokens
		fmt.Println("bursty request", req, "at", time.Since(start).Round(every))
	}
	close(done)
}
