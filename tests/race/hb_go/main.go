// Happens-before: the go statement is before the goroutine's first step.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	runtime.GOMAXPROCS(1)
	x := 0
	done := make(chan bool)
	x = 1
	go func() {
		fmt.Println(x)
		done <- true
	}()
	<-done
}
