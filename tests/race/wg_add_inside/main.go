// wg.Add inside the goroutine: Wait can return before any Add, and main's
// read of count is then ordered with nothing the goroutines do.
package main

import (
	"fmt"
	"runtime"
	"sync"
	"time"
)

func main() {
	runtime.GOMAXPROCS(1)
	var mu sync.Mutex
	var wg sync.WaitGroup
	count := 0
	for i := 0; i < 3; i++ {
		go func() {
			wg.Add(1) // too late: belongs before the go statement
			defer wg.Done()
			mu.Lock()
			count++
			mu.Unlock()
		}()
	}
	wg.Wait()
	fmt.Println(count >= 0)
	time.Sleep(10 * time.Millisecond)
}
