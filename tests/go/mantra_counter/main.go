// One problem, two ways: a counter owned by one goroutine that serves
// requests over channels, and a counter in a struct guarded by a mutex.
package main

import (
	"fmt"
	"sync"
)

// Share memory by communicating: only the owner goroutine touches n.
type Owner struct {
	incs  chan int      // requests to add
	reads chan chan int // requests to read: the reply channel travels with it
}

func NewOwner() *Owner {
	o := &Owner{incs: make(chan int), reads: make(chan chan int)}
	go func() {
		n := 0 // the state, private to this goroutine
		for {
			select {
			case d := <-o.incs:
				n += d
			case reply := <-o.reads:
				reply <- n
			}
		}
	}()
	return o
}

func (o *Owner) Inc() { o.incs <- 1 }

func (o *Owner) Value() int {
	reply := make(chan int)
	o.reads <- reply
	return <-reply
}

// Communicate by sharing memory (carefully): n is shared, mu guards it.
type Locked struct {
	mu sync.Mutex
	n  int
}

func (c *Locked) Inc() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
}

func (c *Locked) Value() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

type counter interface {
	Inc()
	Value() int
}

func hammer(c counter) int {
	var wg sync.WaitGroup
	for i := 0; i < 100; i++ {
		wg.Go(func() {
			for j := 0; j < 10; j++ {
				c.Inc()
			}
		})
	}
	wg.Wait()
	return c.Value()
}

func main() {
	fmt.Println("owner goroutine:", hammer(NewOwner()))
	fmt.Println("mutex:", hammer(&Locked{}))
}
