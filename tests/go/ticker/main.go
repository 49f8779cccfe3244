// A Ticker ticks every period; it drops ticks for a slow reader; Stop ends it.
package main

import (
	"fmt"
	"time"
)

func poll(c <-chan time.Time) string {
	select {
	case <-c:
		return "tick"
	default:
		return "none"
	}
}

func main() {
	tk := time.NewTicker(10 * time.Millisecond)
	for i := 1; i <= 3; i++ {
		<-tk.C
		fmt.Println("tick", i)
	}
	tk.Stop()
	select {
	case <-tk.C:
		fmt.Println("tick after stop")
	case <-time.After(50 * time.Millisecond):
		fmt.Println("no ticks after Stop")
	}

	// A slow reader: ticks at 30ms and 60ms, but at most one waits.
	tk = time.NewTicker(30 * time.Millisecond)
	time.Sleep(75 * time.Millisecond)
	fmt.Println("first poll:", poll(tk.C))
	fmt.Println("second poll:", poll(tk.C))
	<-tk.C
	fmt.Println("the next tick comes on schedule")

	tk.Reset(20 * time.Millisecond)
	<-tk.C
	fmt.Println("tick after Reset")
	tk.Stop()

	n := 0
	for range time.Tick(5 * time.Millisecond) {
		n++
		if n == 3 {
			break
		}
	}
	fmt.Println("time.Tick ticked", n, "times")

	defer func() { fmt.Println("recovered:", recover()) }()
	d := time.Duration(0)
	time.NewTicker(d)
}
