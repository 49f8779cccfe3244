// 300 go statements, then wg.Wait: the local run queue (256 slots)
// overflows into the global queue. With one P, Go runs them in the order
//
//	299 128-187 0 188-247 1 248-255 257-298 2-127 256
//
// Why (runtime/proc.go runqput, runqputslow, findRunnable,
// globrunqgetbatch, Go 1.27.3):
//
//	go 0..256      runnext=256 local=[0..255] (full)
//	go 257         257 takes runnext and kicks 256 out; the local queue is
//	               full, so runqputslow moves its older half plus the kicked
//	               256 to the global queue: global=[0..127 256]
//	               local=[128..255]
//	go 258..299    each kicks its predecessor to the local tail:
//	               runnext=299 local=[128..255 257..298] (170) global=[0..127 256] (129)
//
// align() (see sched_gosched) makes t = schedtick%61 == 1 first; the go
// statements do not tick. wg.Wait parks main. execute ticks for every
// goroutine not taken from runnext; findRunnable takes the global head
// when t%61 == 0:
//
//	t=1: 299 (runnext, no tick)
//	t=1..60: local 128..187 (60 goroutines)      t=61: global head 0
//	t=62..121: local 188..247                    t=122: global head 1
//	t=123..172: local 248..255 257..298 (50)
//	local empty: globrunqgetbatch(n = min(256/2, 127, 127/1+1) = 127):
//	             runs 2 and puts 3..127 256 on the local queue
//	then 3..127, 256 in order (the global queue is now empty).
//
// The last Done (256's) readies main.
package main

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
)

// align returns with the P's schedtick%61 == 1: it returns after the first
// Gosched that found main back before the goroutine X in runnext had run,
// which only the schedtick%61 == 0 check does.
func align() {
	done := make(chan bool, 1)
	for {
		ran := false
		go func() {
			ran = true
			done <- true
		}()
		runtime.Gosched()
		hit := !ran
		<-done
		if hit {
			return
		}
	}
}

// ranges writes runs of consecutive numbers as "a-b".
func ranges(xs []int) string {
	var parts []string
	for i := 0; i < len(xs); {
		j := i
		for j+1 < len(xs) && xs[j+1] == xs[j]+1 {
			j++
		}
		if i == j {
			parts = append(parts, fmt.Sprint(xs[i]))
		} else {
			parts = append(parts, fmt.Sprintf("%d-%d", xs[i], xs[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, " ")
}

func main() {
	runtime.GOMAXPROCS(1)
	runtime.Gosched()
	align()

	var order []int
	var wg sync.WaitGroup
	for i := 0; i < 300; i++ {
		wg.Add(1)
		go func() {
			order = append(order, i)
			wg.Done()
		}()
	}
	wg.Wait()
	fmt.Println(ranges(order))
}
