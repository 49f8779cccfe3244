// RUnlock of an RWMutex that is not read-locked is a fatal error.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var rw sync.RWMutex
	rw.RLock()
	rw.RUnlock()
	fmt.Println("read-unlocking again")
	rw.RUnlock()
}
