// Go's "Typical Data Races": a primitive field written by one goroutine and
// read by another without synchronization (the article's Watchdog).
package main

import (
	"fmt"
	"runtime"
	"sync"
)

type Watchdog struct{ last int64 }

func (w *Watchdog) KeepAlive() {
	w.last = 42 // the article: w.last = time.Now().UnixNano()
}

func (w *Watchdog) Check() bool {
	return w.last > 0
}

func main() {
	runtime.GOMAXPROCS(1)
	w := &Watchdog{}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		w.KeepAlive()
	}()
	go func() {
		defer wg.Done()
		fmt.Println(w.Check() || true)
	}()
	wg.Wait()
}
