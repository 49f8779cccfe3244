// Without the sleep, nothing waits for say("hello"): the program ends when main returns.
package main

import (
	"fmt"
	"runtime"
)

func say(msg string) {
	fmt.Println(msg)
}

func main() {
	runtime.GOMAXPROCS(1) // see lesson_goroutines: one P keeps the order fixed

	go say("hello")
	say("world")
	// main returns: the program exits without waiting for other goroutines.
}
