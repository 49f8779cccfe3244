// A WaitGroup counter below zero panics.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		wg.Add(-1)
	}()
	var wg2 sync.WaitGroup
	wg2.Add(1)
	wg2.Done()
	fmt.Println("one Done too many")
	wg2.Done()
	fmt.Println("never")
}
