// Happens-before: RWMutex's unlock before the next rlock, and runlock before
// the next lock.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

func main() {
	runtime.GOMAXPROCS(1)
	var mu sync.RWMutex
	var wg sync.WaitGroup
	config := map[string]int{"n": 0}
	for i := 0; i < 2; i++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			mu.Lock()
			config["n"]++
			mu.Unlock()
		}()
		go func() {
			defer wg.Done()
			mu.RLock()
			_ = config["n"]
			mu.RUnlock()
		}()
	}
	wg.Wait()
	fmt.Println(config["n"])
}
