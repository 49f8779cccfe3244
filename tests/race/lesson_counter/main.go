// The lesson's Counter without its mutex (chapter 5): 100 goroutines each
// increment 10 times, and `go run -race` reports the race on c.n.
package main

import (
	"fmt"
	"sync"
)

type Counter struct {
	n int
}

func (c *Counter) Inc() {
	c.n++
}

func main() {
	var c Counter
	var wg sync.WaitGroup
	for i := 0; i < 100; i++ {
		wg.Go(func() {
			for j := 0; j < 10; j++ {
				c.Inc()
			}
		})
	}
	wg.Wait()
	fmt.Println("count:", c.n)
}
