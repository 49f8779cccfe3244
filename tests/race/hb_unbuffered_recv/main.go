// Happens-before: a receive from an unbuffered channel before the send completes.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	runtime.GOMAXPROCS(1)
	x := 0
	c := make(chan int)
	done := make(chan bool, 1)
	go func() {
		x = 1
		<-c
		done <- true
	}()
	c <- 0
	fmt.Println(x)
	<-done
}
