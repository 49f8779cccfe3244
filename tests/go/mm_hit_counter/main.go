// A "benign" statistics counter: hits++ from many goroutines, unprotected.
// On one P nothing interrupts hits++, so this run counts all 100; the race
// is there all the same, and on more Ps updates get lost.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

var hits int

func handle(wg *sync.WaitGroup) {
	defer wg.Done()
	hits++ // a read and a write, with no edge to the other goroutines' hits++
}

func main() {
	runtime.GOMAXPROCS(1)
	var wg sync.WaitGroup
	for range 100 {
		wg.Add(1)
		go handle(&wg)
	}
	wg.Wait()
	fmt.Println("hits:", hits)
}
