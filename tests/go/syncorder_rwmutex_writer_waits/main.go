// RWMutex: a writer waits for three readers; a reader r3 that arrives after
// the writer has to wait too. main lets the readers go in the order r1 r2 r0:
// the last one out (r0) wakes the writer, but main, readied after it, runs
// first. The writer's Unlock releases r3.
//
// Why (one P; RN = runnext, LQ = local run queue; sync/rwmutex.go):
//   - r0, r1, r2 are started one at a time: each runs while main blocks on
//     <-held, RLocks (readerCount 1, 2, 3: no writer, so no waiting), readies
//     main with its send and blocks on its own release channel.
//   - w is handed over the same way: its Lock takes rw.w (free), then
//     readerCount -= 1<<30 returns r = 3, so readerWait = 3 and w blocks on
//     writerSem. r3 is handed over next: its RLock finds readerCount < 0 and
//     blocks on readerSem.
//   - For each of r1, r2, r0: main's send readies the reader (RN), main blocks
//     on <-gone, the reader's RUnlock sees readerCount < 0 and decrements
//     readerWait (2, then 1, then 0), the reader logs and its send readies
//     main. r0's RUnlock takes readerWait to 0 and semreleases writerSem: w
//     -> RN. r0 does not yield: it logs and sends on gone, which readies main
//     into RN and kicks w to LQ. r0 exits, so main runs before w.
//   - main blocks in wg.Wait; w runs: Lock returns, w logs, and Unlock adds
//     1<<30 back: r = 1 (r3), so it semreleases readerSem once, r3 -> RN; then
//     rw.w.Unlock (no waiters). w goes on: logs, wg.Done, exits. r3 runs,
//     reads, RUnlocks; its wg.Done readies main.
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
	var rw sync.RWMutex
	var wg sync.WaitGroup
	held := make(chan bool)
	gone := make(chan bool)
	var release [3]chan bool
	for i := 0; i < 3; i++ {
		release[i] = make(chan bool)
		go func() {
			rw.RLock()
			held <- true
			<-release[i]
			rw.RUnlock()
			ev <- fmt.Sprintf("r%d: RUnlock returned", i)
			gone <- true
		}()
		<-held
	}
	wg.Add(2)
	go func() {
		held <- true
		rw.Lock()
		ev <- "w writes"
		rw.Unlock()
		ev <- "w: Unlock returned"
		wg.Done()
	}()
	<-held
	go func() {
		held <- true
		rw.RLock()
		ev <- "r3 reads"
		rw.RUnlock()
		wg.Done()
	}()
	<-held
	ev <- "r0, r1, r2 hold read locks; w waits in Lock; r3 waits in RLock"
	for _, i := range []int{1, 2, 0} {
		ev <- fmt.Sprintf("main releases r%d", i)
		release[i] <- true
		<-gone
	}
	ev <- "main runs before w"
	wg.Wait()
	close(ev)

	var out strings.Builder
	for s := range ev {
		out.WriteString(s + "\n")
	}
	fmt.Print(out.String())
}
