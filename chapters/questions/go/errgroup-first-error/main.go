package main

import (
	"context"
	"errors"
	"fmt"

	"golang.org/x/sync/errgroup"
)

func main() {
	g, ctx := errgroup.WithContext(context.Background())
	g.Go(func() error { return errors.New("a failed") })
	g.Go(func() error {
		<-ctx.Done()
		return ctx.Err()
	})
	fmt.Println(g.Wait())
	fmt.Println(ctx.Err())
	fmt.Println(context.Cause(ctx))
}
