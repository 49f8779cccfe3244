// The lesson's Counter: a mutex protects shared state.
package main

import (
	"fmt"
	"sync"
)

type Counter struct {
	mu sync.Mutex
	n  int
}

func (c *Counter) Inc() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
}

func (c *Counter) Value() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

func main() {
	var c Counter
	var wg sync.WaitGroup
	for i := 0; i < 100; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 10; j++ {
				c.Inc()
			}
		}()
	}
	wg.Wait()
	fmt.Println("count:", c.Value())

	var mu sync.Mutex
	fmt.Println("TryLock on an unlocked mutex:", mu.TryLock())
	fmt.Println("TryLock on a locked mutex:", mu.TryLock())
	// A locked Mutex is not tied to a goroutine: another one may unlock it.
	done := make(chan bool)
	go func() {
		mu.Unlock()
		done <- true
	}()
	<-done
	fmt.Println("unlocked by another goroutine; TryLock:", mu.TryLock())
	mu.Unlock()
}
