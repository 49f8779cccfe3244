// errgroup.WithContext, and a deadline over the whole group (chapter 18): the
// first error cancels the other calls, and so does the end of the time budget.
package main

import (
	"context"
	"fmt"
	"time"

	"golang.org/x/sync/errgroup"
)

// fetch stands for a call to another service: it answers after d, or fails,
// or gives up when ctx is done.
func fetch(ctx context.Context, name string, d time.Duration, fail bool) (string, error) {
	select {
	case <-time.After(d):
		if fail {
			return "", fmt.Errorf("%s: failed", name)
		}
		return name + ": ok", nil
	case <-ctx.Done():
		return "", fmt.Errorf("%s: %w", name, ctx.Err())
	}
}

func fetchAll(parent context.Context, failing string) {
	g, ctx := errgroup.WithContext(parent)
	calls := []struct {
		name string
		d    time.Duration
	}{{"users", 100 * time.Millisecond}, {"orders", 300 * time.Millisecond}, {"stock", 600 * time.Millisecond}}
	replies := make([]string, len(calls))
	for i, c := range calls {
		g.Go(func() error {
			reply, err := fetch(ctx, c.name, c.d, c.name == failing)
			if err != nil {
				reply = err.Error()
			}
			replies[i] = reply
			return err
		})
	}
	err := g.Wait()
	for _, r := range replies {
		fmt.Println("  " + r)
	}
	fmt.Println("  Wait:", err)
}

func main() {
	fmt.Println("all succeed:")
	fetchAll(context.Background(), "")
	fmt.Println("orders fails:")
	fetchAll(context.Background(), "orders")
	fmt.Println("a 400ms budget:")
	ctx, cancel := context.WithTimeout(context.Background(), 400*time.Millisecond)
	defer cancel()
	fetchAll(ctx, "")
}
