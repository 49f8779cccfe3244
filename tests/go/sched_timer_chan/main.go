// A goroutine blocked on a timer's channel is woken by the timer at the next
// scheduling point and goes to runnext, ahead of the local run queue; an
// expired timer's channel is received from without yielding. With one P, Go
// prints
//
//	part 1: main-reset(true) R A B
//	part 2: main-got-After(0) D
//
// Why (runtime/time.go, chan.go, proc.go; Go 1.27.3):
//
// Part 1. R blocks in <-t.C (t = NewTimer(1h)): chanrecv enqueues R and
// blockTimerChan puts the timer in the P's heap. t.Reset(0) (timer.modify)
// only sets when = now; it returns true, since the timer was active. The
// timer runs in findRunnable's pp.timers.check when main parks; its
// function sendTime does a non-blocking send on t.C, which finds R in the
// recvq and goready(R) puts R in runnext:
//
//	go A          runnext=A
//	t.Reset(0)    (timer due)
//	go B          runnext=B  local=[A]
//	wg.Wait: timer check: goready(R) -> runnext=R local=[A B]
//
// So R runs before A, although A was started before the Reset.
//
// Part 2. time.After(0) makes a channel timer that nobody is blocked on,
// so it is not in the heap (needsAdd); <-ch calls maybeRunChan, which runs
// the expired timer right there and the receive completes without parking:
// main records before D runs.
package main

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"
)

func main() {
	runtime.GOMAXPROCS(1)
	runtime.Gosched()

	var out []string
	var wg sync.WaitGroup
	worker := func(name string) {
		out = append(out, name)
		wg.Done()
	}
	ready := make(chan bool)

	// Part 1.
	t := time.NewTimer(time.Hour)
	wg.Add(3)
	go func() { // R
		ready <- true
		<-t.C
		out = append(out, "R")
		wg.Done()
	}()
	<-ready
	go worker("A")
	active := t.Reset(0)
	go worker("B")
	out = append(out, fmt.Sprintf("main-reset(%t)", active))
	wg.Wait()
	part1 := strings.Join(out, " ")

	// Part 2.
	out = nil
	wg.Add(1)
	go worker("D")
	<-time.After(0)
	out = append(out, "main-got-After(0)")
	wg.Wait()
	part2 := strings.Join(out, " ")

	fmt.Println("part 1:", part1)
	fmt.Println("part 2:", part2)
}
