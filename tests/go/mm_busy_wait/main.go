// Busy-waiting on a plain flag, from the memory model's "Incorrect
// synchronization": nothing promises that main ever sees done, or a.
package main

import (
	"fmt"
	"runtime"
)

var (
	a    string
	done bool
)

func setup() {
	a = "hello, world"
	done = true
}

func main() {
	runtime.GOMAXPROCS(1) // one P: the report's order stays the same from run to run
	go setup()
	runtime.Gosched() // let setup run first, so that the loop below ends
	for !done {       // a racy read: no edge orders it after setup's write
	}
	fmt.Println(a)
}
