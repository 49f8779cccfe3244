// An unbuffered send completes only when a receiver takes the value.
package main

import (
	"fmt"
	"time"
)

func main() {
	// The lesson's first channel example.
	ch := make(chan int)
	go func() { ch <- 42 }()
	v := <-ch
	fmt.Println(v)

	// The sender reports on a second channel once its send has completed.
	sent := make(chan string)
	go func() {
		ch <- 7
		sent <- "send completed"
	}()
	time.Sleep(10 * time.Millisecond) // the sender is parked on ch by now
	fmt.Println("len:", len(ch), "cap:", cap(ch))
	select {
	case m := <-sent:
		fmt.Println(m)
	default:
		fmt.Println("sender still blocked: nobody has received yet")
	}
	fmt.Println("received", <-ch)
	fmt.Println(<-sent)

	// A receive waits for a sender just the same.
	got := make(chan int)
	go func() { got <- <-ch }()
	time.Sleep(10 * time.Millisecond)
	select {
	case v := <-got:
		fmt.Println("receiver finished early with", v)
	default:
		fmt.Println("receiver still blocked: nobody has sent yet")
	}
	ch <- 99
	fmt.Println("receiver got", <-got)
}
