// Go's "Typical Data Races": a send and a close that nothing orders. The
// sleep does not order them either.
package main

import (
	"fmt"
	"runtime"
	"time"
)

func main() {
	runtime.GOMAXPROCS(1)
	c := make(chan int, 1)
	go func() {
		c <- 1
	}()
	time.Sleep(10 * time.Millisecond)
	close(c)
	for v := range c {
		fmt.Println(v)
	}
}
