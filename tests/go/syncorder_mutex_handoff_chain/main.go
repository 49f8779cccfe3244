// Mutex handoff chain: four goroutines wait in Lock while main holds the
// mutex. Each one, once it has the lock, unlocks and at once locks again, and
// gets it again: the next waiter has been woken but has not run yet. So every
// waiter has its two turns back to back, in queue order w0 w1 w2 w3.
//
// Why (one P; RN = runnext, LQ = local run queue; state = waiters<<3 |
// starving 4 | woken 2 | locked 1, internal/sync/mutex.go):
//   - main locks mu and starts w0..w3 one at a time; each is handed over
//     (the new goroutine runs while main blocks on <-queued, readies main with
//     its send, then blocks in mu.Lock's semacquire). mu.sema's queue is
//     [w0 w1 w2 w3], state = 4<<3|1 = 33.
//   - main's Unlock: 33-1 = 32, so unlockSlow sets state = 3<<3|woken = 26
//     and semreleases w0 into RN. main blocks in wg.Wait.
//   - w0 runs: lockSlow sees the mutex unlocked, locks it and clears woken
//     (state 3<<3|1 = 25), logs. Its Unlock (25-1 = 24) wakes w1 into RN
//     (state 2<<3|woken = 18) and returns. w0's second Lock fails the fast
//     path (state is not 0) but lockSlow sees "not locked" and takes it
//     (state 19): barging, while w1 is woken but not running. w0 logs again;
//     its Unlock (19-1 = 18) sees woken set and wakes nobody. w0 calls
//     wg.Done and exits.
//   - w1, w2, w3 do the same in turn (w3 finds no waiter left to wake);
//     w3's wg.Done readies main.
//
// A woken waiter always finds the mutex unlocked here, so the 1 ms
// starvation threshold never matters. Everybody logs on the buffered
// channel ev, which main prints at the end.
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
	var wg sync.WaitGroup
	queued := make(chan bool)

	mu.Lock()
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			queued <- true
			mu.Lock()
			ev <- fmt.Sprintf("w%d has the lock", i)
			mu.Unlock()
			mu.Lock()
			ev <- fmt.Sprintf("w%d has the lock again", i)
			mu.Unlock()
			wg.Done()
		}()
		<-queued
	}
	ev <- "main unlocks"
	mu.Unlock()
	wg.Wait()
	close(ev)

	var out strings.Builder
	for s := range ev {
		out.WriteString(s + "\n")
	}
	fmt.Print(out.String())
}
