// Cond: Signal wakes one waiter, Broadcast wakes them all; nothing is remembered.
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	waiting := 0
	tokens := 0
	woke := make(chan int)

	for i := 0; i < 3; i++ {
		go func() {
			mu.Lock()
			waiting++
			for tokens == 0 {
				cond.Wait()
			}
			tokens--
			waiting--
			mu.Unlock()
			woke <- i
		}()
	}
	// Wait until all three are waiting.
	for {
		mu.Lock()
		n := waiting
		mu.Unlock()
		if n == 3 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	fmt.Println("three goroutines wait")

	mu.Lock()
	tokens = 1
	cond.Signal()
	mu.Unlock()
	<-woke
	fmt.Println("Signal woke one")
	select {
	case <-woke:
		fmt.Println("a second one woke")
	case <-time.After(20 * time.Millisecond):
		fmt.Println("the others still wait")
	}

	mu.Lock()
	tokens = 2
	cond.Broadcast()
	mu.Unlock()
	<-woke
	<-woke
	fmt.Println("Broadcast woke the other two")

	// A Signal with no waiters is lost.
	cond.Signal()
	go func() {
		mu.Lock()
		waiting++
		for tokens == 0 {
			cond.Wait()
		}
		tokens--
		mu.Unlock()
		woke <- 3
	}()
	select {
	case <-woke:
		fmt.Println("never: an earlier Signal was remembered")
	case <-time.After(20 * time.Millisecond):
		fmt.Println("an earlier Signal is not remembered")
	}
	mu.Lock()
	tokens = 1
	cond.Signal()
	mu.Unlock()
	fmt.Println("woke", <-woke)
}
