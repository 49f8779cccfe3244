// Double-checked locking, from the memory model's "Incorrect
// synchronization": seeing done == true does not mean seeing a.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

var (
	a    string
	done bool
	once sync.Once
)

func setup() {
	a = "hello, world"
	done = true
}

func doprint(wg *sync.WaitGroup) {
	defer wg.Done()
	if !done { // a racy read: no edge orders it after setup's write
		once.Do(setup)
	}
	fmt.Println(a)
}

func main() {
	runtime.GOMAXPROCS(1) // one P: the report's order stays the same from run to run
	var wg sync.WaitGroup
	wg.Add(2)
	go doprint(&wg)
	doprint(&wg)
	wg.Wait()
}
