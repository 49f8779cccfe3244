// Mutex starvation mode: three goroutines wait in Lock while main holds the
// mutex for 5 ms. Main's Unlock still works in normal mode (main locks again
// at once), but the woken w0 has now waited more than 1 ms and switches the
// mutex to starvation mode. From then on Unlock hands the lock straight to the
// first waiter and yields to it: w0, w1, w2 each get the lock before any
// unlocker's Unlock returns.
//
// Why (one P; RN = runnext, LQ = local run queue; state = waiters<<3 |
// starving 4 | woken 2 | locked 1, internal/sync/mutex.go):
//   - main locks mu and starts w0, w1, w2 one at a time, each handed over
//     (it runs while main blocks on <-queued, readies main with its send,
//     and blocks in mu.Lock, noting waitStartTime): mu.sema's queue is
//     [w0 w1 w2], state = 3<<3|1 = 25.
//   - main sleeps 5 ms holding the lock; nothing else can run. The timer
//     readies main. Gosched then puts main on the global queue, and as the
//     local queue is empty main runs again at once, in a fresh time slice
//     (a goroutine woken by a timer after the P was idle inherits an old
//     time slice and could be preempted before it is done).
//   - go h puts h in RN.
//   - Unlock (25-1 = 24): the starving bit is not set (only a waiter sets
//     it), so this is normal mode: state = 2<<3|woken = 18, w0 readied into
//     RN, h kicked to LQ. main's Lock barges (state 19).
//   - main blocks on <-wake. w0 runs: it has waited > 1 ms, so starving =
//     true; the mutex is locked, so lockSlow adds w0 back as a waiter, sets
//     starving and clears woken (state 3<<3|4|1 = 29) and requeues it at the
//     front (lifo: it has waited before): [w0 w1 w2].
//   - h runs from LQ and readies main. main's Unlock (29-1 = 28) sees
//     starving: semrelease with handoff gives the semaphore to w0 directly
//     (ticket), readies w0 into RN and calls goyield: main goes to the tail
//     of LQ (not the global queue), LQ = [main].
//   - w0 runs: handed off, it sets locked and drops one waiter (state 21;
//     it is starving and not the last waiter, so the mode stays), logs, and
//     its Unlock (20) hands off to w1 the same way: LQ = [main w0].
//     w1 (state 13) hands off to w2: LQ = [main w0 w1].
//   - w2 is the last waiter, so it also clears starving (state 1, normal
//     mode again); its Unlock (1-1 = 0) is the fast path and returns at once.
//     w2 logs, calls wg.Done and exits.
//   - LQ in order: main ("Unlock returned", then blocks in wg.Wait), w0, w1;
//     w1's Done readies main.
//
// Every waiter has waited more than 5 ms when it is handed the lock, so
// machine load can only lengthen the waits: the mode switches are certain.
// Everybody logs on the buffered channel ev, which main prints at the end.
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

	ev := make(chan string, 32)
	var mu sync.Mutex
	var wg sync.WaitGroup
	queued := make(chan bool)
	wake := make(chan bool)

	mu.Lock()
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			queued <- true
			mu.Lock()
			ev <- fmt.Sprintf("w%d has the lock", i)
			mu.Unlock()
			ev <- fmt.Sprintf("w%d: Unlock returned", i)
			wg.Done()
		}()
		<-queued
	}
	ev <- "w0, w1, w2 wait in Lock"
	time.Sleep(5 * time.Millisecond)
	runtime.Gosched()
	go func() {
		wake <- true
	}()
	ev <- "main: Unlock after 5 ms, and Lock again at once"
	mu.Unlock()
	mu.Lock()
	<-wake
	ev <- "main: Unlock (starvation mode)"
	mu.Unlock()
	ev <- "main: Unlock returned"
	wg.Wait()
	close(ev)

	var out strings.Builder
	for s := range ev {
		out.WriteString(s + "\n")
	}
	fmt.Print(out.String())
}
