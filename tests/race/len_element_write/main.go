// len reads a slice's header; a write of one element does not touch it: no race.
package main

import (
	"fmt"
	"sync"
)

func main() {
	s := make([]int, 3)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		s[0] = 1
	}()
	n := len(s)
	wg.Wait()
	fmt.Println(n)
}
