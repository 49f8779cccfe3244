// The lesson's process with errgroup: the first error is returned, and it cancels the rest.
package main

import (
	"context"
	"fmt"
	"sort"
	"time"

	"golang.org/x/sync/errgroup"
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
	g, ctx := errgroup.WithContext(ctx) // the first error cancels this ctx
	jobs := make(chan Item)
	results := make(chan Result, len(items))

	// Fan out — start N workers; an error ends the worker and is kept by g
	for i := 0; i < 10; i++ {
		g.Go(func() error {
			for item := range jobs {
				r, err := work(ctx, item)
				if err != nil {
					return err
				}
				results <- r
			}
			return nil
		})
	}

	// Feed jobs
	g.Go(func() error {
		defer close(jobs)
		for _, item := range items {
			select {
			case jobs <- item:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		return nil
	})

	// Wait, then close results
	go func() { g.Wait(); close(results) }()

	out := []Result{}
	for r := range results {
		out = append(out, r)
	}
	return out, g.Wait() // the first error, or nil
}

func items(n int) []Item {
	out := make([]Item, n)
	for i := range out {
		out[i] = Item(i + 1)
	}
	return out
}

func main() {
	out, err := process(context.Background(), items(4))
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	fmt.Println(len(out), "results:", out, "err:", err)

	// Item 5 fails at once; the eight good items were still in work.
	out, err = process(context.Background(), items(9))
	fmt.Println("err:", err, "| the good items were stopped:", len(out) < 8)
}
