// 100,000 goroutines alive at once, all blocked on one channel, then released.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

func main() {
	const n = 100_000
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start // park until main closes start
		}()
	}
	fmt.Println("goroutines alive:", runtime.NumGoroutine())
	close(start) // wakes every one of them
	wg.Wait()
	fmt.Println("all", n, "finished")
}
