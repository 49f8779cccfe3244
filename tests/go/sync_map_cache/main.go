// sync.Map where it fits: a cache whose entries are written once and then only read.
package main

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

func main() {
	var (
		cache       sync.Map // key -> its length, standing in for an expensive result
		wg          sync.WaitGroup
		stored, hit atomic.Int64
	)
	for w := 0; w < 10; w++ {
		wg.Go(func() {
			for _, k := range []string{"a", "bb", "ccc"} {
				if _, ok := cache.Load(k); ok { // the common case: a read, no lock taken
					hit.Add(1)
					continue
				}
				// Several goroutines may get here for one key; exactly one stores.
				if _, loaded := cache.LoadOrStore(k, len(k)); loaded {
					hit.Add(1)
				} else {
					stored.Add(1)
				}
			}
		})
	}
	wg.Wait()

	var entries []string
	cache.Range(func(k, v any) bool {
		entries = append(entries, fmt.Sprintf("%v=%v", k, v))
		return true
	})
	sort.Strings(entries)
	fmt.Println("cache:", strings.Join(entries, " "))
	fmt.Println("stored:", stored.Load(), "hits:", hit.Load())
}
