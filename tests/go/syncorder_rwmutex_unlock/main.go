// RWMutex: a writer's Unlock releases three blocked readers and lets a second
// writer w2 (blocked on the inner mutex) in. w2 runs first, before any
// reader: it announces itself, so the readers' TryRLock fails, and it waits
// until the three readers are done.
//
// Why (one P; RN = runnext, LQ = local run queue; sync/rwmutex.go):
//   - main Locks rw: rw.w.Lock, readerCount -= 1<<30 (no readers to wait for).
//   - r0, r1, r2 are started and handed over one at a time (each runs while
//     main blocks on <-queued, readies main with its send, then blocks):
//     RLock makes readerCount negative + i+1, so each blocks in semacquire on
//     readerSem: queue [r0 r1 r2]. w2 is handed over the same way and blocks
//     in rw.w.Lock (the inner Mutex, held by main): rw.w.sema's queue [w2].
//   - rw.Unlock: readerCount += 1<<30 gives r = 3, so it semreleases
//     readerSem 3 times in queue order: r0 -> RN; r1 -> RN, r0 -> LQ;
//     r2 -> RN, r1 -> LQ. Then rw.w.Unlock wakes w2 (normal mode: woken bit,
//     semrelease): w2 -> RN, r2 -> LQ. Now RN = w2, LQ = [r0 r1 r2].
//   - main goes on: readerCount is 3 (no writer announced), so its TryRLock
//     succeeds; it RUnlocks at once (back to 3) and blocks in wg.Wait.
//   - w2 runs first (RN): it takes rw.w (unlocked), then readerCount -= 1<<30
//     returns r = 3 readers still in, readerWait = 3, and it blocks on
//     writerSem.
//   - r0, r1, r2 run from LQ: RLock returns; TryRLock sees readerCount < 0
//     (w2 announced) and fails; RUnlock takes readerCount down and, as it is
//     negative, readerWait too: 2, 1, 0. r2's RUnlock brings it to 0 and
//     semreleases writerSem: w2 -> RN.
//   - w2 writes, Unlocks (no readers waiting, rw.w has no waiters), and its
//     wg.Done, the last, readies main.
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
	var rw sync.RWMutex
	var wg sync.WaitGroup
	queued := make(chan bool)

	rw.Lock()
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			queued <- true
			rw.RLock()
			ok := rw.TryRLock()
			if ok {
				rw.RUnlock()
			}
			ev <- fmt.Sprintf("r%d reads; TryRLock: %v", i, ok)
			rw.RUnlock()
			wg.Done()
		}()
		<-queued
	}
	wg.Add(1)
	go func() {
		queued <- true
		rw.Lock()
		ev <- "w2 writes"
		rw.Unlock()
		wg.Done()
	}()
	<-queued
	ev <- "r0, r1, r2 wait in RLock; w2 waits in Lock"
	ev <- "main unlocks"
	rw.Unlock()
	ok := rw.TryRLock()
	if ok {
		rw.RUnlock()
	}
	ev <- fmt.Sprintf("main: TryRLock right after Unlock: %v", ok)
	wg.Wait()
	close(ev)

	var out strings.Builder
	for s := range ev {
		out.WriteString(s + "\n")
	}
	fmt.Print(out.String())
}
