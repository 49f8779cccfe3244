// A Ticker drops ticks for a slow reader: at most one tick waits.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	tk := time.NewTicker(400 * time.Millisecond)
	defer tk.Stop()
	// Ticks fire at 400ms, 800ms, 1.2s, 1.6s, 2s, ...
	for _, work := range []time.Duration{1000 * time.Millisecond, 800 * time.Millisecond, 0} {
		t := <-tk.C
		fmt.Println("tick stamped", t.Sub(start).Round(200*time.Millisecond), "- now working", work)
		time.Sleep(work)
	}
}
