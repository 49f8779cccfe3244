// The lesson's fan-out/fan-in process: 10 workers, results collected, cancellation via ctx.
package main

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"
)

type Item int
type Result int

// work squares an item after 10ms; multiples of 5 are bad input.
func work(ctx context.Context, item Item) (Result, error) {
	if item%5 == 0 {
		return 0, fmt.Errorf("item %d: bad input", item)
	}
	select {
	case <-time.After(10 * time.Millisecond):
		return Result(item * item), nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

func process(ctx context.Context, items []Item) ([]Result, error) {
	jobs := make(chan Item)
	results := make(chan Result, len(items))

	// Fan out — start N workers
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for item := range jobs {
				r, err := work(ctx, item)
				if err != nil {
					continue
				}
				results <- r
			}
		}()
	}

	// Feed jobs
	go func() {
		defer close(jobs)
		for _, item := range items {
			select {
			case jobs <- item:
			case <-ctx.Done():
				return
			}
		}
	}()

	// Wait, then close results
	go func() { wg.Wait(); close(results) }()

	out := []Result{}
	for r := range results {
		out = append(out, r)
	}
	return out, ctx.Err()
}

func items(n int) []Item {
	out := make([]Item, n)
	for i := range out {
		out[i] = Item(i + 1)
	}
	return out
}

func main() {
	// Results arrive in order of completion: sort them to print.
	out, err := process(context.Background(), items(20))
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	fmt.Println(len(out), "results:", out, "err:", err)

	ctx, cancel := context.WithTimeout(context.Background(), 35*time.Millisecond)
	out, err = process(ctx, items(100))
	cancel()
	fmt.Println("timed out part way: some results:", len(out) > 0, "| not all:", len(out) < 80, "| err:", err)

	ctx, cancel = context.WithCancel(context.Background())
	cancel()
	out, err = process(ctx, items(20))
	fmt.Println("cancelled before the start:", len(out), "results:", out, "err:", err)
}
