// Happens-before: an atomic store before the atomic load that sees it.
package main

import (
	"fmt"
	"runtime"
	"sync/atomic"
)

func main() {
	runtime.GOMAXPROCS(1)
	var ready atomic.Bool
	x := 0
	go func() {
		x = 1
		ready.Store(true)
	}()
	for !ready.Load() {
		runtime.Gosched()
	}
	fmt.Println(x)
}
