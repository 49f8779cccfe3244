package main

import (
	"fmt"

	"golang.org/x/sync/errgroup"
)

func main() {
	release := make(chan struct{})
	task := func() error { <-release; return nil }

	var g errgroup.Group
	g.SetLimit(1)
	fmt.Println(g.TryGo(task), g.TryGo(task))
	close(release)
	g.Wait()
	fmt.Println(g.TryGo(task))
	g.Wait()
}
