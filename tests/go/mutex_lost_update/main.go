// A read-modify-write that yields between the read and the write loses
// updates when goroutines interleave; the same code under a mutex does not.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

type Counter struct {
	mu sync.Mutex
	n  int
}

// IncUnsafe reads, lets other goroutines run, then writes back: a data race.
func (c *Counter) IncUnsafe() {
	v := c.n
	runtime.Gosched()
	c.n = v + 1
}

// Inc does the same under the mutex: no one else can touch n in between.
func (c *Counter) Inc() {
	c.mu.Lock()
	defer c.mu.Unlock()
	v := c.n
	runtime.Gosched()
	c.n = v + 1
}

func count(inc func(*Counter)) int {
	var c Counter
	var wg sync.WaitGroup
	for i := 0; i < 100; i++ {
		wg.Go(func() {
			for j := 0; j < 10; j++ {
				inc(&c)
			}
		})
	}
	wg.Wait()
	return c.n
}

func main() {
	unsafe := count((*Counter).IncUnsafe)
	fmt.Println("without the mutex, updates were lost:", unsafe < 1000)
	fmt.Println("with the mutex:", count((*Counter).Inc))
}
