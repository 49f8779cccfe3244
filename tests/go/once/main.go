// Once, OnceFunc and OnceValue call f only once.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var once sync.Once
	for i := 0; i < 3; i++ {
		once.Do(func() { fmt.Println("first Do runs f", i) })
	}
	once.Do(func() { fmt.Println("never: a different f does not run either") })

	calls := 0
	setup := sync.OnceFunc(func() { calls++ })
	setup()
	setup()
	fmt.Println("OnceFunc calls:", calls)

	computed := 0
	config := sync.OnceValue(func() int {
		computed++
		return 42
	})
	var wg sync.WaitGroup
	results := make(chan int, 5)
	for i := 0; i < 5; i++ {
		wg.Go(func() { results <- config() })
	}
	wg.Wait()
	close(results)
	sum := 0
	for v := range results {
		sum += v
	}
	fmt.Println("OnceValue from 5 goroutines:", sum, "computed", computed, "time")

	// A panicking f counts as done; OnceFunc panics again with the same value.
	boom := sync.OnceFunc(func() { calls++; panic("boom") })
	for i := 0; i < 2; i++ {
		func() {
			defer func() { fmt.Println("recovered:", recover()) }()
			boom()
		}()
	}
	fmt.Println("calls now:", calls)

	var o2 sync.Once
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		o2.Do(func() { panic("once panicked") })
	}()
	o2.Do(func() { fmt.Println("never: a panicking f counts as done") })
	fmt.Println("done")
}
