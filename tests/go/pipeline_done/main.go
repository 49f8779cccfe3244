// Explicit cancellation: every stage takes a done channel and gives up its
// send when done is closed; closing done is a broadcast to all of them.
package main

import (
	"fmt"
	"runtime"
	"sync"
	"time"
)

func gen(done <-chan struct{}, nums ...int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for _, n := range nums {
			select {
			case out <- n:
			case <-done:
				return
			}
		}
	}()
	return out
}

func sq(done <-chan struct{}, in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for n := range in {
			select {
			case out <- n * n:
			case <-done:
				return
			}
		}
	}()
	return out
}

func merge(done <-chan struct{}, cs ...<-chan int) <-chan int {
	var wg sync.WaitGroup
	out := make(chan int)
	output := func(c <-chan int) {
		defer wg.Done()
		for n := range c {
			select {
			case out <- n:
			case <-done:
				return
			}
		}
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

// firstSquare stops short, like the leaky main, but closes done on return.
func firstSquare(nums ...int) int {
	done := make(chan struct{})
	defer close(done) // on every return path: tell every stage to stop
	in := gen(done, nums...)
	c1 := sq(done, in)
	c2 := sq(done, in)
	return <-merge(done, c1, c2)
}

func main() {
	runtime.GOMAXPROCS(1) // one P: the order below is always the same
	runtime.Gosched()
	fmt.Println("first value:", firstSquare(2, 3))
	fmt.Println("first value:", firstSquare(1, 2, 3, 4, 5, 6, 7, 8, 9))
	time.Sleep(100 * time.Millisecond) // let every goroutine run as far as it can
	fmt.Println("goroutines still there:", runtime.NumGoroutine())
}
