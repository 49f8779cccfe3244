// Goroutines append to one slice: append reads and writes the slice variable.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

func main() {
	runtime.GOMAXPROCS(1)
	var results []int
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			results = append(results, i)
		}(i)
	}
	wg.Wait()
	fmt.Println(len(results))
}
