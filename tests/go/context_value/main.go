// WithValue: lookups walk up through every derived context; the innermost value wins.
package main

import (
	"context"
	"fmt"
)

type ctxKey string

const (
	requestIDKey ctxKey = "request-id"
	userKey      ctxKey = "user"
)

func describe(ctx context.Context) {
	fmt.Println("request id:", ctx.Value(requestIDKey), "| user:", ctx.Value(userKey))
}

func main() {
	ctx := context.WithValue(context.Background(), requestIDKey, "req-1")
	describe(ctx)
	ctx = context.WithValue(ctx, userKey, "ada")
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	describe(cctx)
	inner := context.WithValue(cctx, userKey, "grace")
	describe(inner)
	describe(ctx) // the parent does not see the child's value
	fmt.Println("missing key:", inner.Value(ctxKey("missing")))

	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		context.WithValue(ctx, nil, "x")
	}()
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		context.WithCancel(nil)
	}()
}
