// sync.Map: a concurrent map with load/store/delete and friends.
package main

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

func main() {
	var m sync.Map
	v, ok := m.Load("a")
	fmt.Println("load missing:", v, ok)
	m.Store("a", 1)
	v, ok = m.Load("a")
	fmt.Println("load a:", v, ok)

	actual, loaded := m.LoadOrStore("a", 100)
	fmt.Println("LoadOrStore existing:", actual, loaded)
	actual, loaded = m.LoadOrStore("b", 2)
	fmt.Println("LoadOrStore new:", actual, loaded)

	prev, loaded := m.Swap("b", 20)
	fmt.Println("Swap b:", prev, loaded)
	prev, loaded = m.Swap("c", 3)
	fmt.Println("Swap new c:", prev, loaded)

	v, loaded = m.LoadAndDelete("c")
	fmt.Println("LoadAndDelete c:", v, loaded)
	v, loaded = m.LoadAndDelete("c")
	fmt.Println("LoadAndDelete c again:", v, loaded)
	m.Delete("nothing") // deleting a missing key is fine

	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Go(func() { m.Store(fmt.Sprintf("k%d", i), i*i) })
	}
	wg.Wait()

	// Range visits keys in no particular order: sort before printing.
	var entries []string
	m.Range(func(k, v any) bool {
		entries = append(entries, fmt.Sprintf("%v=%v", k, v))
		return true
	})
	sort.Strings(entries)
	fmt.Println(len(entries), "entries:", strings.Join(entries, " "))

	n := 0
	m.Range(func(k, v any) bool {
		n++
		return n < 3 // returning false stops the range
	})
	fmt.Println("stopped after", n)
}
