// Two goroutines writing different fields of one struct: no race.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

type Stats struct {
	reads  int
	writes int
}

func main() {
	runtime.GOMAXPROCS(1)
	var s Stats
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		s.reads = 1
	}()
	go func() {
		defer wg.Done()
		s.writes = 2
	}()
	wg.Wait()
	fmt.Println(s.reads, s.writes)
}
