// The lesson's channel example: an unbuffered send and receive, then a buffered channel.
package main

import "fmt"

func main() {
	ch := make(chan int)     // unbuffered
	go func() { ch <- 42 }() // send (blocks until received)
	v := <-ch                // receive
	fmt.Println(v)           // 42

	// Buffered channel — sends block only when buffer is full
	buf := make(chan string, 3)
	buf <- "a"
	buf <- "b"
	buf <- "c" // no block
	close(buf) // signal no more sends

	for s := range buf {
		fmt.Println(s) // a b c
	}
}
