// A buffered channel is a FIFO queue; a blocked sender is next in line.
package main

import (
	"fmt"
	"time"
)

func main() {
	// The lesson's buffered example.
	buf := make(chan string, 3)
	buf <- "a"
	buf <- "b"
	buf <- "c" // no block
	fmt.Println("len:", len(buf), "cap:", cap(buf))
	close(buf)
	for s := range buf {
		fmt.Println(s)
	}

	ch := make(chan int, 3)
	fmt.Println("empty: len", len(ch), "cap", cap(ch))
	ch <- 1
	fmt.Println("after one send: len", len(ch))
	ch <- 2
	ch <- 3
	fmt.Println("full: len", len(ch), "cap", cap(ch))

	done := make(chan bool)
	go func() {
		ch <- 4 // the buffer is full: this sender parks
		done <- true
	}()
	time.Sleep(10 * time.Millisecond)
	fmt.Println("with a parked sender: len", len(ch), "cap", cap(ch))
	fmt.Println(<-ch) // 1; the parked sender's 4 moves into the buffer
	<-done
	fmt.Println("after the sender finished: len", len(ch))
	for i := 0; i < 3; i++ {
		fmt.Println(<-ch)
	}
	fmt.Println("drained: len", len(ch))
}
