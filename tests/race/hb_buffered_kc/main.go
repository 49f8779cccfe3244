// Happens-before: the k-th receive on a channel of capacity C before the
// (k+C)-th send completes: a buffered channel as a semaphore.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

func main() {
	runtime.GOMAXPROCS(1)
	sem := make(chan struct{}, 1)
	n := 0
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			n++
			runtime.Gosched()
			<-sem
		}()
	}
	wg.Wait()
	fmt.Println(n)
}
