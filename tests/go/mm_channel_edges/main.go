// The memory model's channel examples: each write to msg is made visible to
// main by a channel edge, so every print is guaranteed to see it.
package main

import "fmt"

var msg string

func main() {
	// A send is synchronized before the completion of the corresponding receive.
	c := make(chan int, 10)
	go func() {
		msg = "hello from a send"
		c <- 0
	}()
	<-c
	fmt.Println(msg)

	// The closing of a channel is synchronized before a receive that returns
	// because the channel is closed.
	closed := make(chan int)
	go func() {
		msg = "hello from a close"
		close(closed)
	}()
	<-closed
	fmt.Println(msg)

	// A receive from an unbuffered channel is synchronized before the
	// completion of the corresponding send on that channel.
	unbuffered := make(chan int)
	go func() {
		msg = "hello from a receive"
		<-unbuffered
	}()
	unbuffered <- 0
	fmt.Println(msg)
}
