// The closure capture gotcha, fixed: pass u as an argument (any Go version),
// or rely on Go 1.22's per-iteration loop variables (go.mod says go 1.27).
package main

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

var (
	mu   sync.Mutex
	seen []string
)

func record(u string) {
	mu.Lock()
	defer mu.Unlock()
	seen = append(seen, u)
}

func report(how string) {
	sort.Strings(seen)
	fmt.Println(how+":", strings.Join(seen, " "))
	seen = nil
}

func main() {
	var wg sync.WaitGroup

	// Fix 1: pass u as an argument; the goroutine gets its own copy.
	start := make(chan struct{})
	for _, u := range []string{"a", "b", "c"} {
		wg.Add(1)
		go func(u string) {
			defer wg.Done()
			<-start
			record(u)
		}(u)
	}
	close(start)
	wg.Wait()
	report("passed as argument")

	// Fix 2: since Go 1.22 each iteration has its own u.
	start = make(chan struct{})
	for _, u := range []string{"a", "b", "c"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			record(u)
		}()
	}
	close(start)
	wg.Wait()
	report("per-iteration variable")
}
