// Go's "Typical Data Races": an unprotected global map, written and read by
// goroutines that nothing orders.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

var service = map[string]string{}

func register(name, addr string) {
	service[name] = addr
}

func lookup(name string) string {
	return service[name]
}

func main() {
	runtime.GOMAXPROCS(1)
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		register("db", "10.0.0.1")
	}()
	go func() {
		defer wg.Done()
		fmt.Println(lookup("db") != "x")
	}()
	wg.Wait()
}
