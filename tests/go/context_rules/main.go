// The lesson's context rules: first argument, not in structs, never nil, no optional parameters.
package main

import (
	"context"
	"fmt"
	"time"
)

// fetch follows the rules: ctx is its first argument, and it gives up when ctx is done.
func fetch(ctx context.Context, url string) error {
	select {
	case <-time.After(10 * time.Millisecond):
		fmt.Println("  fetched", url)
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Client breaks the rule: it keeps the context of the request that created it.
type Client struct {
	ctx context.Context
}

func (c *Client) Fetch(url string) error { return fetch(c.ctx, url) }

type ctxKey string

const pageSizeKey ctxKey = "page-size"

// listHidden reads an optional parameter from the context: the caller cannot see it.
func listHidden(ctx context.Context) {
	size, ok := ctx.Value(pageSizeKey).(int)
	if !ok {
		size = 10
	}
	fmt.Println("  page size", size)
}

// list takes it as an argument, where the compiler and the reader can see it.
func list(ctx context.Context, pageSize int) {
	fmt.Println("  page size", pageSize)
}

func main() {
	fmt.Println("context stored in a struct:")
	ctx1, cancel1 := context.WithCancel(context.Background())
	client := &Client{ctx: ctx1}
	fmt.Println("  request 1:", client.Fetch("/a"))
	cancel1() // request 1 is over
	fmt.Println("  request 2:", client.Fetch("/b"))

	fmt.Println("context passed as the first argument:")
	ctx2, cancel2 := context.WithCancel(context.Background())
	fmt.Println("  request 2:", fetch(ctx2, "/b"))
	cancel2()

	fmt.Println("a nil parent:")
	func() {
		defer func() { fmt.Println("  recovered:", recover()) }()
		var nothing context.Context
		context.WithTimeout(nothing, time.Second)
	}()

	fmt.Println("an optional parameter hidden in the context:")
	listHidden(context.Background())
	listHidden(context.WithValue(context.Background(), pageSizeKey, 50))
	fmt.Println("the same parameter as an argument:")
	list(context.Background(), 50)
}
