// Mutex + runnext: Unlock wakes the waiter w into runnext, like any goready.
// Whoever is readied after it (a receiver on a channel, or a new goroutine)
// takes runnext, runs first, and gets the mutex before w, which has been
// woken but has not run. Readied in the other order, w runs first.
//
// Why (one P; RN = runnext, LQ = local run queue; state = waiters<<3 |
// starving 4 | woken 2 | locked 1, internal/sync/mutex.go):
//
//	Each phase: main locks a fresh mu; w is started and handed over (it runs
//	while main blocks on <-queued, readies main with its send and blocks in
//	mu.Lock: state 1<<3|1 = 9); r is started the same way and blocks on <-c.
//	- "Unlock, then send": Unlock (9-1 = 8) sets state = woken (2) and
//	  semreleases w into RN. c <- 1 finds r waiting, hands the value over and
//	  readies r into RN, kicking w to LQ. main blocks on <-done. r runs, its
//	  Lock fails the fast path (state 2, not 0), lockSlow sees "not locked"
//	  and takes it (state 3); its Unlock (3-1 = 2) sees woken set and wakes
//	  nobody. r's done send readies main (RN), r exits, main runs (RN) and
//	  blocks again, then w runs from LQ: unlocked, so it locks and clears
//	  woken (state 1). Order: r, w.
//	- "send, then Unlock": c <- 1 readies r into RN; Unlock readies w into
//	  RN and kicks r to LQ. w runs first (it finds the mutex unlocked), then
//	  r. Order: w, r.
//	- "Unlock, then go": Unlock readies w into RN; go n puts the new n in RN
//	  and kicks w to LQ. n runs first and takes the mutex as r did; then w.
//	  (r is not used: main sends on c at the end of the phase to let it go.)
//
// Everybody logs on the buffered channel ev, which main prints at the end.
package main

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
)

func main() {
	runtime.GOMAXPROCS(1)
	runtime.Gosched()

	ev := make(chan string, 32)
	queued := make(chan bool)
	done := make(chan bool)
	phase := func(mode string) {
		var mu sync.Mutex
		c := make(chan int)
		ev <- mode + ":"
		mu.Lock()
		go func() {
			queued <- true
			mu.Lock()
			ev <- "  w (was waiting in Lock) has the lock"
			mu.Unlock()
			done <- true
		}()
		<-queued
		go func() {
			queued <- true
			<-c
			mu.Lock()
			ev <- "  r (was waiting on a channel) has the lock"
			mu.Unlock()
			done <- true
		}()
		<-queued
		switch mode {
		case "Unlock, then send":
			mu.Unlock()
			c <- 1
		case "send, then Unlock":
			c <- 1
			mu.Unlock()
		case "Unlock, then go":
			mu.Unlock()
			go func() {
				mu.Lock()
				ev <- "  n (new goroutine) has the lock"
				mu.Unlock()
				done <- true
			}()
		}
		<-done
		<-done
		if mode == "Unlock, then go" {
			c <- 1
			<-done
		}
	}
	phase("Unlock, then send")
	phase("send, then Unlock")
	phase("Unlock, then go")
	close(ev)

	var out strings.Builder
	for s := range ev {
		out.WriteString(s + "\n")
	}
	fmt.Print(out.String())
}
