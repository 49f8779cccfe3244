// time.Sleep used as synchronization: it orders nothing, so this races.
package main

import (
	"fmt"
	"runtime"
	"time"
)

func main() {
	runtime.GOMAXPROCS(1)
	x := 0
	go func() {
		x = 1
	}()
	time.Sleep(10 * time.Millisecond)
	fmt.Println(x)
}
