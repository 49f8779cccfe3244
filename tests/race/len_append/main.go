// len reads a slice's header while append writes it: a race.
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
		s = append(s, 1)
	}()
	n := len(s)
	wg.Wait()
	fmt.Println(n)
}
