// Background and TODO: never done, no deadline, no values; their String.
package main

import (
	"context"
	"fmt"
)

type ctxKey string // a key type of our own: no other package can collide with it

const key ctxKey = "k"

func main() {
	for _, ctx := range []context.Context{context.Background(), context.TODO()} {
		deadline, ok := ctx.Deadline()
		fmt.Println(ctx, "| Done is nil:", ctx.Done() == nil, "| Err:", ctx.Err(),
			"| Cause:", context.Cause(ctx), "| has deadline:", ok, deadline.IsZero(),
			"| Value:", ctx.Value(key))
	}

	ctx, cancel := context.WithCancel(context.Background())
	fmt.Println(ctx)
	fmt.Println("Done is the same channel every call:", ctx.Done() == ctx.Done())
	fmt.Println("Err before cancel:", ctx.Err())
	cancel()
	<-ctx.Done()
	fmt.Println("Err after cancel:", ctx.Err())
	cancel() // a second cancel does nothing
	fmt.Println("Err after a second cancel:", ctx.Err())

	child, cancelChild := context.WithCancel(context.TODO())
	defer cancelChild()
	fmt.Println(child)
	fmt.Println(context.WithoutCancel(child))
}
