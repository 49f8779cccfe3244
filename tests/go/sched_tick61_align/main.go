// The schedtick%61 fairness check, at a known schedtick: when findRunnable
// runs with schedtick%61 == 0 it takes ONE goroutine from the head of the
// global queue before looking at runnext and the local queue. With one P,
// Go prints:
//
//	round 1: main-yields C A main-back B
//	round 2: Y1 A main-back B C Y2
//
// (Without the check both rounds would end "... B main-back" / "... C
// main-back Y2", as in sched_gosched.)
//
// Why (runtime/proc.go findRunnable, execute, goschedImpl, Go 1.27.3):
// execute counts schedtick++ only for a goroutine that does not inherit the
// time slice, i.e. one taken from the local or global queue, not from
// runnext. runtime.Gosched puts the caller on the global queue. align()
// (see sched_gosched) returns with t = schedtick%61 == 1. A Gosched while
// nothing else is runnable brings main straight back from the global queue
// and counts one tick, so a loop of 59 of them makes t == 60.
//
// round 1: go A, go B, go C -> runnext=C local=[A B]; "main-yields";
// Gosched: global=[main].
//
//	t=60: C (runnext)   t=60: A (t=61)
//	t=61 == 0 mod 61, global not empty: main (t=62) "main-back"; wg.Wait
//	t=62: B (t=63); its Done readies main (runnext): t == 2.
//
// 58 more lone Goscheds: t == 60.
//
// round 2: go A, go B, go C, go Y -> runnext=Y local=[A B C]; Gosched:
// global=[main].
//
//	t=60: Y (runnext) "Y1", Gosched: global=[main Y]
//	t=60: A (t=61)
//	t=61 == 0 mod 61: the head of the global queue, main (t=62):
//	      "main-back"; wg.Wait parks main (Y stays on the global queue)
//	t=62: B (t=63)   t=63: C (t=64)
//	t=64: local empty -> global batch: Y (t=65) "Y2"; its Done readies main.
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
	worker := func(name string) {
		out = append(out, name)
		wg.Done()
	}

	// Round 1.
	for i := 0; i < 59; i++ {
		runtime.Gosched()
	}
	wg.Add(3)
	go worker("A")
	go worker("B")
	go worker("C")
	out = append(out, "main-yields")
	runtime.Gosched()
	out = append(out, "main-back")
	wg.Wait()
	round1 := strings.Join(out, " ")

	// Round 2.
	out = nil
	for i := 0; i < 58; i++ {
		runtime.Gosched()
	}
	wg.Add(4)
	go worker("A")
	go worker("B")
	go worker("C")
	go func() { // Y
		out = append(out, "Y1")
		runtime.Gosched()
		out = append(out, "Y2")
		wg.Done()
	}()
	runtime.Gosched()
	out = append(out, "main-back")
	wg.Wait()
	round2 := strings.Join(out, " ")

	fmt.Println("round 1:", round1)
	fmt.Println("round 2:", round2)
}
