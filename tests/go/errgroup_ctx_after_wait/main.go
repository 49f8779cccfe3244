// The context of errgroup.WithContext is cancelled when Wait returns, even if
// every function succeeded: do not use it for work after Wait.
package main

import (
	"context"
	"fmt"

	"golang.org/x/sync/errgroup"
)

func main() {
	parent := context.Background()
	g, gctx := errgroup.WithContext(parent)
	g.Go(func() error { return nil })
	fmt.Println("Wait:", g.Wait())
	fmt.Println("group ctx after Wait:", gctx.Err(), "| cause:", context.Cause(gctx))
	fmt.Println("parent ctx:", parent.Err())
}
