// A data race: 1000 goroutines increment one counter with no lock.
// `go run -race` reports it; the printed count may or may not be 1000.
package main

import (
	"fmt"
	"sync"
)

func main() {
	counter := 0
	var wg sync.WaitGroup
	for i := 0; i < 1000; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			counter++ // read, add, write: not atomic, not locked
		}()
	}
	wg.Wait()
	fmt.Println("counter:", counter)
}
