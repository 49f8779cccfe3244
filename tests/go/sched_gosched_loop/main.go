// Goroutines that yield in a loop: W0 three times, W1 once, W2 twice, and
// main twice. Each records "name.j" then calls runtime.Gosched, and records
// "name-end" after its loop. With one P, Go prints
//
//	m.0 2.0 0.0 1.0 m.1 2.1 0.1 1-end 2-end 0.2 0-end
//
// Why (runtime/proc.go goschedImpl, findRunnable, globrunqgetbatch, Go
// 1.27.3): Gosched puts the caller at the tail of the global queue. When
// runnext and the local queue are empty, findRunnable takes a batch from
// the global queue: n = min(len(local)/2 = 128, global size,
// size/GOMAXPROCS+1) goroutines; it runs the first and puts the others, in
// order, on the local queue. align() (see sched_gosched) makes
// t = schedtick%61 == 1 at the start, so the schedtick%61 == 0 check never
// fires here (t only reaches 11). Ticks count runs from the local or global
// queue, not from runnext.
//
//	go W0, go W1, go W2: runnext=W2 local=[W0 W1]
//	main "m.0", Gosched                 global=[main]
//	t=1: W2 (runnext) "2.0"             global=[main W2]
//	t=1: W0 (t=2) "0.0"                 global=[main W2 W0]
//	t=2: W1 (t=3) "1.0"                 global=[main W2 W0 W1]
//	t=3: batch of 4: main (t=4), local=[W2 W0 W1]; "m.1", Gosched
//	t=4: W2 (t=5) "2.1"   t=5: W0 (t=6) "0.1"   global=[main W2 W0]
//	t=6: W1 (t=7) "1-end"
//	t=7: batch of 3: main (t=8), local=[W2 W0]; main parks in wg.Wait
//	t=8: W2 (t=9) "2-end"   t=9: W0 (t=10) "0.2"   global=[W0]
//	t=10: batch of 1: W0 (t=11) "0-end"; its Done readies main.
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

func main() {
	runtime.GOMAXPROCS(1)
	runtime.Gosched()
	align()

	var out []string
	var wg sync.WaitGroup
	loops := []int{3, 1, 2}
	for w, n := range loops {
		wg.Add(1)
		go func() {
			for j := 0; j < n; j++ {
				out = append(out, fmt.Sprintf("%d.%d", w, j))
				runtime.Gosched()
			}
			out = append(out, fmt.Sprintf("%d-end", w))
			wg.Done()
		}()
	}
	for j := 0; j < 2; j++ {
		out = append(out, fmt.Sprintf("m.%d", j))
		runtime.Gosched()
	}
	wg.Wait()
	fmt.Println(strings.Join(out, " "))
}
