// A sender already blocked when the channel is closed wakes up and panics.
package main

import (
	"fmt"
	"time"
)

func main() {
	ch := make(chan int)
	go func() {
		ch <- 1 // parks: nobody receives
	}()
	time.Sleep(10 * time.Millisecond)
	fmt.Println("closing while a sender is blocked")
	close(ch)
	<-make(chan int) // main waits; the woken sender crashes the program
}
