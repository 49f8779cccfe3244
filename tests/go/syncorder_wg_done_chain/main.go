// WaitGroup: three workers call Done in turn; the last Done releases two
// waiters, x (which began waiting first) and main. Main runs before x.
//
// Why (one P; RN = runnext, LQ = local run queue):
//   - go x puts x in RN; main blocks on <-waiting, x runs, its send readies
//     main (RN = main), and x goes on into wg.Wait and blocks: wg.sema's
//     queue is [x].
//   - main starts w0, w1, w2: each `go` puts the new goroutine in RN and kicks
//     the previous one to LQ, so RN = w2, LQ = [w0 w1]. Then main calls
//     wg.Wait and blocks: wg.sema's queue is [x main].
//   - w2 runs first (RN), then w0 and w1 (LQ). None of them blocks: each logs,
//     calls Done and logs again. w2's Done takes the counter 3 -> 2, w0's
//     2 -> 1, w1's 1 -> 0 with 2 waiters, so it semreleases wg.sema twice in
//     queue order: x -> RN, then main -> RN and x -> LQ.
//   - semrelease does not yield: w1 logs "returned from Done" and exits. RN
//     (main) runs and logs, then blocks on <-xdone; x runs from LQ, logs, and
//     its send readies main.
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
	var wg sync.WaitGroup
	wg.Add(3)
	waiting := make(chan bool)
	xdone := make(chan bool)
	go func() {
		waiting <- true
		wg.Wait()
		ev <- "x released"
		xdone <- true
	}()
	<-waiting
	for i := 0; i < 3; i++ {
		go func() {
			ev <- fmt.Sprintf("worker %d calls Done", i)
			wg.Done()
			ev <- fmt.Sprintf("worker %d returned from Done", i)
		}()
	}
	wg.Wait()
	ev <- "main released"
	<-xdone
	close(ev)

	var out strings.Builder
	for s := range ev {
		out.WriteString(s + "\n")
	}
	fmt.Print(out.String())
}
