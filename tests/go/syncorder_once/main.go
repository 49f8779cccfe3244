// Once.Do: g0's f blocks while g1, g2, g3 call Do and wait on the Once's
// mutex. When f returns, the waiters leave Do in queue order, one by one
// (each Unlock wakes the next); but g4, started by g0 after its Do returned,
// overtakes them: it sees done set and never touches the mutex.
//
// Why (one P; RN = runnext, LQ = local run queue; sync/once.go, whose doSlow
// is Lock; defer Unlock; if !done { defer done.Store(true); f() }):
//   - go g0 puts g0 in RN; main blocks on <-inF; g0's Do finds done false,
//     locks o.m and calls f, which sends (readying main) and blocks on
//     <-finish while holding o.m.
//   - g1, g2, g3 are started and handed over one at a time (each runs while
//     main blocks on <-queued, readies main with its send, and blocks in
//     o.m.Lock): o.m's queue [g1 g2 g3].
//   - main's send on finish readies g0 (RN); main blocks in wg.Wait. g0's f
//     returns; the deferred calls run last-in first-out: done.Store(true),
//     then o.m.Unlock, which wakes g1 into RN (normal mode). g0 goes on: it
//     logs, starts g4 (RN = g4, g1 -> LQ), calls wg.Done and exits.
//   - g4 runs first (RN): done is true, so Do returns at once.
//   - g1 runs from LQ: it takes o.m (unlocked), sees done, unlocks, which
//     wakes g2 (RN), and logs; then g2 (which wakes g3), then g3. The last
//     wg.Done readies main.
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
	var once sync.Once
	var wg sync.WaitGroup
	inF := make(chan bool)
	finish := make(chan bool)
	queued := make(chan bool)
	f := func() {
		ev <- "f runs"
		inF <- true
		<-finish
		ev <- "f returns"
	}

	wg.Add(5)
	go func() {
		once.Do(f)
		ev <- "g0: Do returned"
		go func() {
			once.Do(f)
			ev <- "g4: Do returned"
			wg.Done()
		}()
		wg.Done()
	}()
	<-inF
	for i := 1; i <= 3; i++ {
		go func() {
			queued <- true
			once.Do(f)
			ev <- fmt.Sprintf("g%d: Do returned", i)
			wg.Done()
		}()
		<-queued
	}
	ev <- "g1, g2, g3 wait in Do"
	finish <- true
	wg.Wait()
	close(ev)

	var out strings.Builder
	for s := range ev {
		out.WriteString(s + "\n")
	}
	fmt.Print(out.String())
}
