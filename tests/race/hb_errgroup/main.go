// Happens-before: errgroup's Wait returns after every function it started.
package main

import (
	"fmt"
	"runtime"

	"golang.org/x/sync/errgroup"
)

func main() {
	runtime.GOMAXPROCS(1)
	var g errgroup.Group
	results := make([]int, 3)
	for i := 0; i < 3; i++ {
		g.Go(func() error {
			results[i] = i * 10
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		fmt.Println(err)
	}
	fmt.Println(results)
}
