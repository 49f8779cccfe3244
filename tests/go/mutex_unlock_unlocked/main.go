// Unlocking an unlocked mutex is a fatal error: recover cannot catch it.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var mu sync.Mutex
	mu.Lock()
	mu.Unlock()
	defer func() {
		recover()
		fmt.Println("never: fatal errors run no deferred calls")
	}()
	fmt.Println("unlocking again")
	mu.Unlock()
}
