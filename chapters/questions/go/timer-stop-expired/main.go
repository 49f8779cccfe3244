package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.NewTimer(time.Millisecond)
	time.Sleep(20 * time.Millisecond) // the timer has expired; nobody received
	fmt.Println(len(t.C), t.Stop())
	select {
	case <-t.C:
		fmt.Println("a stale value")
	default:
		fmt.Println("nothing to receive")
	}
}
