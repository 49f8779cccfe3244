// The lesson's first goroutine: go say("hello"), then a crude sleep.
package main

import (
	"fmt"
	"runtime"
	"time"
)

func say(msg string) {
	fmt.Println(msg)
}

func main() {
	// One P, so the order is the scheduler's: the new goroutine waits in the run
	// queue until main blocks in Sleep. With several Ps another thread could
	// pick it up at once, and "hello" could (rarely) come first.
	runtime.GOMAXPROCS(1)

	go say("hello") // runs concurrently
	say("world")
	time.Sleep(time.Millisecond) // crude wait; we'll do better
}
