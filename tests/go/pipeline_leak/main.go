// Stopping short: main takes one value and stops receiving, so the stage
// that tries to send the second one blocks for ever (a goroutine leak).
package main

import (
	"fmt"
	"runtime"
	"sync"
	"time"
)

func gen(nums ...int) <-chan int {
	out := make(chan int)
	go func() {
		for _, n := range nums {
			out <- n
		}
		close(out)
	}()
	return out
}

func sq(in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		for n := range in {
			out <- n * n
		}
		close(out)
	}()
	return out
}

func merge(cs ...<-chan int) <-chan int {
	var wg sync.WaitGroup
	out := make(chan int)
	output := func(c <-chan int) {
		for n := range c {
			out <- n
		}
		wg.Done()
	}
	wg.Add(len(cs))
	for _, c := range cs {
		go output(c)
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

func main() {
	runtime.GOMAXPROCS(1) // one P: the order below is always the same
	runtime.Gosched()
	in := gen(2, 3)
	c1 := sq(in)
	c2 := sq(in)
	out := merge(c1, c2)
	fmt.Println("first value:", <-out) // and nothing more is received
	time.Sleep(100 * time.Millisecond) // let every goroutine run as far as it can
	fmt.Println("goroutines still there:", runtime.NumGoroutine())
}
