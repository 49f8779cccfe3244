package main

import (
	"errors"
	"fmt"
	"time"

	"golang.org/x/sync/errgroup"
)

func main() {
	var g errgroup.Group
	g.Go(func() error { return errors.New("boom") })
	g.Go(func() error {
		time.Sleep(50 * time.Millisecond)
		fmt.Println("slow task done")
		return nil
	})
	fmt.Println("Wait:", g.Wait())
}
