// The memory model's other edges: Unlock before a later Lock returns, the
// return of Once's f before any Do returns, an atomic store observed by a
// load, Done before the Wait it unblocks returns.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

var (
	a  string
	mu sync.Mutex
)

func lockExample() {
	mu.Lock()
	go func() {
		a = "hello from an Unlock"
		mu.Unlock() // call 1 of Unlock ...
	}()
	mu.Lock() // ... is synchronized before call 2 of Lock returns
	fmt.Println(a)
	mu.Unlock()
}

var once sync.Once

func setup() { a = "hello from Once" }

func doprint(wg *sync.WaitGroup) {
	defer wg.Done()
	once.Do(setup) // every Do returns after setup has returned
	fmt.Println(a)
}

func onceExample() {
	var wg sync.WaitGroup
	wg.Add(2)
	go doprint(&wg)
	go doprint(&wg)
	wg.Wait()
}

func atomicExample() {
	var ready atomic.Bool
	go func() {
		a = "hello from an atomic"
		ready.Store(true)
	}()
	for !ready.Load() { // the Load that observes the Store is synchronized after it
	}
	fmt.Println(a)
}

func waitGroupExample() {
	results := make([]int, 3)
	var wg sync.WaitGroup
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done() // Done is synchronized before the Wait it unblocks returns
			results[i] = i * i
		}()
	}
	wg.Wait()
	fmt.Println("squares", results)
}

func main() {
	lockExample()
	onceExample()
	atomicExample()
	waitGroupExample()
}
