// Happens-before: semaphore.Weighted of size 1 used as a lock.
package main

import (
	"context"
	"fmt"
	"runtime"
	"sync"

	"golang.org/x/sync/semaphore"
)

func main() {
	runtime.GOMAXPROCS(1)
	sem := semaphore.NewWeighted(1)
	ctx := context.Background()
	total := 0
	var wg sync.WaitGroup
	for i := 1; i <= 3; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			if err := sem.Acquire(ctx, 1); err != nil {
				return
			}
			total += i
			runtime.Gosched()
			sem.Release(1)
		}(i)
	}
	wg.Wait()
	fmt.Println(total)
}
