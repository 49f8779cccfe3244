// Mutex barging: Unlock only wakes the first waiter (b); main locks again
// before b runs (TryLock succeeds). When b runs and finds the mutex locked it
// goes back to the FRONT of the queue, so it still gets the lock before c.
//
// Why (one P; RN = runnext, LQ = local run queue; state = waiters<<3 |
// starving 4 | woken 2 | locked 1, internal/sync/mutex.go):
//   - main locks mu. b and c are each started and handed over: the new
//     goroutine runs while main blocks on <-queued, readies main with its send
//     and goes on into mu.Lock, which finds the mutex locked, adds a waiter and
//     blocks in semacquire. mu.sema's queue is [b c], state = 2<<3|1 = 17.
//   - go h puts h in RN.
//   - mu.Unlock: 17-1 = 16 has waiters and no flags, so unlockSlow sets
//     state = (16 - 1<<3) | woken = 10 and semreleases: b is dequeued and
//     readied into RN, kicking h to LQ. Unlock does not yield.
//   - main's TryLock sees neither locked nor starving and takes the mutex
//     (state 11): true. Normal mode lets the running goroutine barge.
//   - main blocks on <-wake. RN = b runs: its semacquire returns, lockSlow
//     finds the mutex locked (old = 11), so it adds itself back as a waiter
//     and clears woken (state 17), and calls semacquire with lifo = true
//     because it has waited before: b is queued in front of c, [b c].
//     (b waited only microseconds, far below the 1 ms starvation threshold.)
//   - h runs from LQ: its send readies main. main logs and unlocks: 17-1 = 16,
//     state 10, and the semrelease wakes the queue's head, b (RN). main blocks
//     on <-done.
//   - b finds the mutex unlocked (10): it takes it and clears woken (state 9),
//     logs, and its Unlock wakes c (state 2, RN = c). b's done send readies
//     main (RN = main, c -> LQ); b exits, main takes the value and blocks
//     again, c runs, locks, logs, unlocks and sends.
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

	ev := make(chan string, 16)
	var mu sync.Mutex
	queued := make(chan bool)
	done := make(chan bool)
	wake := make(chan bool)
	waiter := func(name string) {
		queued <- true
		mu.Lock()
		ev <- name + " has the lock"
		mu.Unlock()
		done <- true
	}

	mu.Lock()
	go waiter("b")
	<-queued
	go waiter("c")
	<-queued
	ev <- "main holds the lock; b and c wait in Lock, b first"
	go func() {
		wake <- true
	}()
	mu.Unlock()
	ev <- fmt.Sprintf("main: Unlock woke b; TryLock at once: %v", mu.TryLock())
	<-wake
	ev <- "main: Unlock again"
	mu.Unlock()
	<-done
	<-done
	close(ev)

	var out strings.Builder
	for s := range ev {
		out.WriteString(s + "\n")
	}
	fmt.Print(out.String())
}
