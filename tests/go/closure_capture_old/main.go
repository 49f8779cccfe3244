//go:build go1.21

// The closure capture gotcha. The build line above makes this file Go 1.21
// code, where a for loop has ONE variable u shared by every iteration. Each
// goroutine reads u after the loop has ended, so all of them see "c".
package main

import (
	"fmt"
	"sync"
)

func fetch(u string) {
	fmt.Println("fetch", u)
}

func main() {
	var wg sync.WaitGroup
	start := make(chan struct{})
	for _, u := range []string{"a", "b", "c"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start  // wait until the loop has finished
			fetch(u) // captures the variable u, not its value
		}()
	}
	close(start)
	wg.Wait()
}
