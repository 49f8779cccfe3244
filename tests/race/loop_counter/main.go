// Go's "Typical Data Races": a race on the loop counter. Since Go 1.22 a
// for-loop variable is new in every iteration, so the article's race needs a
// counter declared outside the loop, as a Python for-loop's variable is.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

func main() {
	runtime.GOMAXPROCS(1)
	var wg sync.WaitGroup
	var i int
	for i = 0; i < 5; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fmt.Println(i) // reads the counter the loop writes
		}()
	}
	wg.Wait()
}
