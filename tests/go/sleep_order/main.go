// Sleeping goroutines wake in the order of their deadlines.
package main

import (
	"fmt"
	"time"
)

func main() {
	woke := make(chan int)
	for _, ms := range []int{90, 30, 60, 0} {
		go func() {
			time.Sleep(time.Duration(ms) * time.Millisecond)
			woke <- ms
		}()
	}
	for i := 0; i < 4; i++ {
		fmt.Println("woke after", <-woke, "ms")
	}

	timers := make(chan string)
	for _, name := range []string{"c", "a", "b"} {
		d := map[string]time.Duration{"a": 10, "b": 30, "c": 50}[name] * time.Millisecond
		time.AfterFunc(d, func() { timers <- name })
	}
	for i := 0; i < 3; i++ {
		fmt.Println("timer", <-timers)
	}
}
