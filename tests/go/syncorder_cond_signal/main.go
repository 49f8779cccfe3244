// Cond.Signal wakes the waiter with the oldest ticket (FIFO by Wait order):
// one Signal wakes w0. Two Signals in a row wake w1 and then w2, but w2 runs
// first: each wakeup goes through runnext.
//
// Why (one P; RN = runnext, LQ = local run queue; sync/cond.go and
// runtime/sema.go notifyList):
//   - Each waiter is started and handed over: w(i) runs while main blocks on
//     <-ready, locks mu, sends (readying main into RN) and calls cond.Wait,
//     which takes ticket notifyListAdd = i, unlocks mu and parks in
//     notifyListWait. Then main runs again. Tickets: w0 0, w1 1, w2 2.
//   - Signal is notifyListNotifyOne: it wakes the waiter whose ticket equals
//     notify (0, then 1, then 2) and readies it into RN. main signals while
//     holding mu and unlocks before it blocks; no waiter has run yet, so
//     there is nobody in mu's queue and Unlock is the fast path.
//   - One Signal: w0 -> RN. main blocks on <-woke; w0 returns from
//     notifyListWait, its Wait locks mu (free), it unlocks, and its send
//     readies main.
//   - Two Signals: w1 -> RN, then w2 -> RN and w1 -> LQ. main blocks on
//     <-woke: w2 runs first (RN) and its send readies main (RN); w2 exits,
//     main runs before w1 (RN beats LQ), logs 2 and blocks again; then w1
//     runs from LQ.
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

	var out strings.Builder
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	ready := make(chan bool)
	woke := make(chan int)
	for i := 0; i < 3; i++ {
		go func() {
			mu.Lock()
			ready <- true
			cond.Wait()
			mu.Unlock()
			woke <- i
		}()
		<-ready
	}
	out.WriteString("w0, w1, w2 wait, in that order\n")

	mu.Lock()
	cond.Signal()
	mu.Unlock()
	fmt.Fprintf(&out, "one Signal: w%d runs\n", <-woke)

	mu.Lock()
	cond.Signal()
	cond.Signal()
	mu.Unlock()
	a := <-woke
	b := <-woke
	fmt.Fprintf(&out, "two Signals: w%d runs, then w%d\n", a, b)
	fmt.Print(out.String())
}
