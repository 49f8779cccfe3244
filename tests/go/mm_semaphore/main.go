// A buffered channel as a counting semaphore: the k-th receive on a channel
// of capacity C is synchronized before the completion of the (k+C)-th send,
// so at most C workers hold a slot at once.
package main

import (
	"fmt"
	"runtime"
	"sync"
	"time"
)

func main() {
	runtime.GOMAXPROCS(1)
	limit := make(chan struct{}, 3)
	var (
		mu         sync.Mutex
		busy, most int
		wg         sync.WaitGroup
	)
	for w := 1; w <= 7; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			limit <- struct{}{} // take a slot: the 4th send waits for the 1st receive
			mu.Lock()
			busy++
			most = max(most, busy)
			mu.Unlock()
			time.Sleep(100 * time.Millisecond) // the work
			mu.Lock()
			busy--
			mu.Unlock()
			<-limit // give the slot back
		}()
	}
	wg.Wait()
	fmt.Println("7 jobs, at most", most, "at once")
}
