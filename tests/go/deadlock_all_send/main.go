// Every goroutine, main included, is blocked sending: a deadlock.
package main

import (
	"fmt"
	"time"
)

func main() {
	ch := make(chan int)
	for i := 0; i < 3; i++ {
		go func() { ch <- i }()
	}
	time.Sleep(10 * time.Millisecond) // a sleeping main is not deadlocked
	fmt.Println("three senders, no receiver")
	ch <- 0
}
