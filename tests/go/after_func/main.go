// time.AfterFunc runs f in its own goroutine; its C is nil.
package main

import (
	"fmt"
	"time"
)

func main() {
	ran := make(chan string, 10)
	t := time.AfterFunc(10*time.Millisecond, func() { ran <- "f ran" })
	fmt.Println("C is nil:", t.C == nil)
	fmt.Println(<-ran)
	fmt.Println("stop after f ran:", t.Stop())

	fmt.Println("reset after it fired:", t.Reset(10*time.Millisecond))
	fmt.Println(<-ran, "again")

	t = time.AfterFunc(20*time.Millisecond, func() { ran <- "g ran" })
	fmt.Println("stop before it fires:", t.Stop())
	time.Sleep(40 * time.Millisecond)
	select {
	case m := <-ran:
		fmt.Println(m)
	default:
		fmt.Println("g did not run")
	}
	fmt.Println("reset a stopped AfterFunc timer:", t.Reset(10*time.Millisecond))
	fmt.Println(<-ran, "after all")

	// f runs in its own goroutine, so it may block without holding up timers.
	block := make(chan bool)
	time.AfterFunc(0, func() { <-block; ran <- "slow f finished" })
	time.AfterFunc(10*time.Millisecond, func() { ran <- "second f ran" })
	fmt.Println(<-ran)
	close(block)
	fmt.Println(<-ran)

	// A pending AfterFunc keeps the program alive: this is not a deadlock.
	wake := make(chan bool)
	time.AfterFunc(20*time.Millisecond, func() { close(wake) })
	<-wake
	fmt.Println("woken by AfterFunc")
}
