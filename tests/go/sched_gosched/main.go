// runtime.Gosched puts the caller on the GLOBAL run queue, so goroutines
// in the P's runnext slot and local run queue run before it comes back.
// With one P, Go prints:
//
//	part 1: main-yields C A B main-back
//	part 2: R P1 Q P2
//
// Why (runtime/proc.go goschedImpl, findRunnable, Go 1.27.3): goschedImpl
// calls globrunqput(gp). findRunnable looks at the global queue before the
// local one only when schedtick%61 == 0; otherwise it takes runnext, then the
// local queue, and only when both are empty a batch from the global queue.
// The schedtick value at start-up is unknown (it varies from run to run),
// so align() first lines it up. Each iteration starts a goroutine X
// (runnext) and calls Gosched (global=[main]); findRunnable then runs at
// some tick T:
//
//	T%61 != 0: X runs from runnext (no tick), sets ran, puts a value in the
//	           buffered done and exits; local and runnext are empty, so main
//	           comes from the global queue (T+1); ran is true: loop again.
//	T%61 == 0: main comes from the global queue first (T+1); ran is false;
//	           <-done parks main, X runs (runnext), its send hands the value
//	           to main and readies it (runnext): no more ticks. Return.
//
// So align returns after at most 61 iterations with schedtick%61 == 1.
// From there (t = schedtick, counted only when a goroutine runs from the
// local or global queue, not from runnext):
//
// part 1: go A, go B, go C -> runnext=C local=[A B]; main records
// "main-yields" and calls Gosched: global=[main].
//
//	t=1: C (runnext, no tick)   t=1: A (t=2)   t=2: B (t=3)
//	t=3: local empty -> global batch: main (t=4) records "main-back".
//
// part 2: go P, go Q, go R -> runnext=R local=[P Q]; main parks in wg.Wait.
//
//	t=4: R (runnext)   t=4: P (t=5) records P1, Gosched: global=[P]
//	t=5: Q (t=6)       t=6: local empty -> P (t=7) records P2; its Done
//	readies main.
//
// The schedtick%61 check never finds 0 after align, so no goroutine is
// taken from the global queue early.
package main

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
)

// align returns with the P's schedtick%61 == 1 (see the header comment).
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

	// Part 1: main yields while three goroutines are runnable.
	wg.Add(3)
	go worker("A")
	go worker("B")
	go worker("C")
	out = append(out, "main-yields")
	runtime.Gosched()
	out = append(out, "main-back")
	wg.Wait()
	part1 := strings.Join(out, " ")

	// Part 2: a goroutine yields while others are in the local queue.
	out = nil
	wg.Add(3)
	go func() { // P
		out = append(out, "P1")
		runtime.Gosched()
		out = append(out, "P2")
		wg.Done()
	}()
	go worker("Q")
	go worker("R")
	wg.Wait()
	part2 := strings.Join(out, " ")

	fmt.Println("part 1:", part1)
	fmt.Println("part 2:", part2)
}
