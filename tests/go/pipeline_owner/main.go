// A goroutine that owns its state: dedupe's map lives in its goroutine,
// and only that goroutine touches it, so it needs no lock.
package main

import (
	"context"
	"fmt"
)

func gen(ctx context.Context, words ...string) <-chan string {
	out := make(chan string)
	go func() {
		defer close(out)
		for _, w := range words {
			select {
			case out <- w:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// dedupe forwards each word the first time it sees it. When its input is
// closed it reports how many it dropped, on a channel of its own.
func dedupe(ctx context.Context, in <-chan string) (<-chan string, <-chan int) {
	out := make(chan string)
	dropped := make(chan int, 1)
	go func() {
		defer close(out)
		seen := make(map[string]bool) // the state: no other goroutine can reach it
		n := 0
		for w := range in {
			if seen[w] {
				n++
				continue
			}
			seen[w] = true
			select {
			case out <- w:
			case <-ctx.Done():
				return
			}
		}
		dropped <- n
	}()
	return out, dropped
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	words, dropped := dedupe(ctx, gen(ctx, "go", "chan", "go", "select", "chan", "go"))
	for w := range words {
		fmt.Println(w)
	}
	fmt.Println("dropped:", <-dropped)
}
