// The lesson's Counter without its mutex: Inc from many goroutines races.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

type Counter struct {
	n int
}

func (c *Counter) Inc() {
	c.n++
}

func main() {
	runtime.GOMAXPROCS(1)
	var c Counter
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.Inc()
		}()
	}
	wg.Wait()
	fmt.Println(c.n)
}
