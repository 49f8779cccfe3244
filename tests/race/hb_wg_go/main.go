// Happens-before: the end of a wg.Go function before Wait returns.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

func main() {
	runtime.GOMAXPROCS(1)
	var wg sync.WaitGroup
	x := 0
	wg.Go(func() {
		x = 7
	})
	wg.Wait()
	fmt.Println(x)
}
