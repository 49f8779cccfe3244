// Happens-before: time.AfterFunc's call before f runs in its own goroutine.
package main

import (
	"fmt"
	"runtime"
	"time"
)

func main() {
	runtime.GOMAXPROCS(1)
	msg := ""
	done := make(chan bool)
	msg = "hello"
	time.AfterFunc(time.Millisecond, func() {
		fmt.Println(msg)
		done <- true
	})
	<-done
}
