// Request-scoped values (chapter 18): context.WithValue carries a request ID to
// every goroutine that the request starts, because each one is given ctx.
package main

import (
	"context"
	"fmt"
	"sync"
)

// An unexported key type: no other package can make a key equal to it.
type requestIDKey struct{}

func logLine(ctx context.Context, msg string) string {
	id, ok := ctx.Value(requestIDKey{}).(string)
	if !ok {
		id = "-"
	}
	return "[" + id + "] " + msg
}

func handle(ctx context.Context, id string) []string {
	ctx = context.WithValue(ctx, requestIDKey{}, id)
	steps := []string{"query users", "query orders"}
	lines := make([]string, len(steps))
	var wg sync.WaitGroup
	for i, step := range steps {
		wg.Go(func() { lines[i] = logLine(ctx, step) })
	}
	wg.Wait()
	return lines
}

func main() {
	ctx := context.Background()
	for _, id := range []string{"req-1", "req-2"} {
		for _, line := range handle(ctx, id) {
			fmt.Println(line)
		}
	}
	fmt.Println(logLine(ctx, "outside any request"))
}
