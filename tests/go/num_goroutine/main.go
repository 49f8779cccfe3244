// runtime.NumGoroutine counts every goroutine, blocked ones included.
package main

import (
	"fmt"
	"runtime"
	"time"
)

func main() {
	fmt.Println("at start:", runtime.NumGoroutine())
	block := make(chan bool)
	exited := make(chan bool)
	for i := 0; i < 3; i++ {
		go func() {
			<-block
			exited <- true
		}()
	}
	fmt.Println("with three blocked:", runtime.NumGoroutine())
	close(block)
	for i := 0; i < 3; i++ {
		<-exited
	}
	// A goroutine that has just sent may still exist for a moment: poll.
	for runtime.NumGoroutine() > 1 {
		time.Sleep(time.Millisecond)
	}
	fmt.Println("after they exit:", runtime.NumGoroutine())
	runtime.Gosched()
	fmt.Println("Gosched returns")
}
