// A select with a default case never blocks: it polls.
package main

import (
	"fmt"
	"time"
)

func poll(ch chan int) {
	select {
	case v := <-ch:
		fmt.Println("received", v)
	default:
		fmt.Println("nothing ready")
	}
}

func trySend(ch chan int, v int) {
	select {
	case ch <- v:
		fmt.Println("sent", v)
	default:
		fmt.Println("no room for", v)
	}
}

func main() {
	buf := make(chan int, 1)
	poll(buf)
	trySend(buf, 1)
	trySend(buf, 2)
	poll(buf)
	poll(buf)

	unbuf := make(chan int)
	poll(unbuf)       // no sender waiting
	trySend(unbuf, 3) // no receiver waiting
	go func() { unbuf <- 4 }()
	time.Sleep(10 * time.Millisecond) // the sender is parked by now
	poll(unbuf)

	got := make(chan int)
	go func() { got <- <-unbuf }()
	time.Sleep(10 * time.Millisecond) // the receiver is parked by now
	trySend(unbuf, 5)
	fmt.Println("the receiver got", <-got)
}
