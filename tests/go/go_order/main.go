// Three go statements, then wg.Wait: with one P, Go runs the newest first: c, a, b.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

func main() {
	// One P, so the order is Go's scheduler's alone: no other thread can steal work.
	runtime.GOMAXPROCS(1)
	runtime.Gosched() // start a fresh time slice, so the 10 ms preemption is far off

	var wg sync.WaitGroup
	for _, name := range []string{"a", "b", "c"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fmt.Println(name)
		}()
	}
	wg.Wait()
}
