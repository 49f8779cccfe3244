// A map written at different keys by two goroutines: a race, as a map is one
// place (unlike a slice's elements).
package main

import (
	"fmt"
	"runtime"
	"sync"
)

func main() {
	runtime.GOMAXPROCS(1)
	hits := map[string]int{}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		hits["a"] = 1
	}()
	go func() {
		defer wg.Done()
		hits["b"] = 2
	}()
	wg.Wait()
	fmt.Println(len(hits))
}
