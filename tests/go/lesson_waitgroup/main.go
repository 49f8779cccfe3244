// The lesson's WaitGroup example, and WaitGroup.Go.
package main

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

var (
	mu      sync.Mutex
	fetched []string
)

func fetch(u string) {
	mu.Lock()
	defer mu.Unlock()
	fetched = append(fetched, "fetched "+u)
}

func main() {
	var wg sync.WaitGroup
	urls := []string{"a", "b", "c"}

	for _, u := range urls {
		wg.Add(1)
		go func(u string) {
			defer wg.Done()
			fetch(u)
		}(u) // pass u as argument
	}
	wg.Wait()
	sort.Strings(fetched)
	fmt.Println(strings.Join(fetched, ", "))

	// Since Go 1.22 each iteration has its own u, and since Go 1.25 wg.Go
	// does the Add and the Done.
	fetched = nil
	for _, u := range []string{"x", "y", "z"} {
		wg.Go(func() { fetch(u) })
	}
	wg.Wait()
	sort.Strings(fetched)
	fmt.Println(strings.Join(fetched, ", "))

	// Wait at zero returns at once.
	wg.Wait()
	fmt.Println("wait at zero returns at once")
}
