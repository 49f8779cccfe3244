// WaitGroup + close: main's last Done releases three Wait-ers, and then
// close(start) releases two receivers. All the wakeups go through runnext,
// so they mix: r0 w0 w1 w2 r1.
//
// Why (one P; RN = runnext, LQ = local run queue):
//   - w0, w1, w2 are started and handed over one at a time (each runs while
//     main blocks on <-ready, readies main with its send, then blocks in
//     wg.Wait): wg.sema's queue is [w0 w1 w2]. r0, r1 are handed over the
//     same way and block on <-start: its receive queue is [r0 r1].
//   - wg.Done takes the counter to 0 and semreleases the 3 waiters in queue
//     order, each into RN: RN = w2, LQ = [w0 w1].
//   - close(start) (runtime closechan) first moves every receiver onto a
//     list that works as a stack (r0, then r1 on top), then pops each into
//     goready: r1 -> RN, kicking w2 to LQ; r0 -> RN, kicking r1 to LQ.
//     Now RN = r0, LQ = [w0 w1 w2 r1].
//   - main blocks in fin.Wait: r0 runs (RN), then LQ in order. None of them
//     blocks; each logs and calls fin.Done; r1's readies main.
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
	var wg, fin sync.WaitGroup
	ready := make(chan bool)
	start := make(chan bool)
	wg.Add(1)
	fin.Add(5)
	for i := 0; i < 3; i++ {
		go func() {
			ready <- true
			wg.Wait()
			ev <- fmt.Sprintf("w%d (wg.Wait) runs", i)
			fin.Done()
		}()
		<-ready
	}
	for i := 0; i < 2; i++ {
		go func() {
			ready <- true
			<-start
			ev <- fmt.Sprintf("r%d (<-start) runs", i)
			fin.Done()
		}()
		<-ready
	}
	ev <- "main: wg.Done, then close(start)"
	wg.Done()
	close(start)
	fin.Wait()
	close(ev)

	var out strings.Builder
	for s := range ev {
		out.WriteString(s + "\n")
	}
	fmt.Print(out.String())
}
