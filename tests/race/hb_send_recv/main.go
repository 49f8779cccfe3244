// Happens-before: a send before the receive that takes its value completes.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	runtime.GOMAXPROCS(1)
	x := 0
	c := make(chan int, 1)
	go func() {
		x = 1
		c <- 0
	}()
	<-c
	fmt.Println(x)
}
