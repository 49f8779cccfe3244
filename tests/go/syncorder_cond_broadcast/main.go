// Cond.Broadcast readies the waiters in Wait order, each into runnext: the
// last one readied runs first, then the others in order (2 0 1). If main
// starts a goroutine right after Broadcast, that one takes runnext, and the
// waiters then run in Wait order (n 3 4 5).
//
// Why (one P; RN = runnext, LQ = local run queue; sync/cond.go and
// runtime/sema.go notifyList):
//   - Each waiter is started and handed over: it runs while main blocks on
//     <-ready, locks mu, sends (readying main) and calls cond.Wait, which
//     takes the next ticket, unlocks mu and parks at the tail of the
//     notifyList. The list is in Wait order.
//   - Broadcast is notifyListNotifyAll: it takes the whole list and readies
//     it from head to tail: w0 -> RN; w1 -> RN, w0 -> LQ; w2 -> RN,
//     w1 -> LQ. So RN = w2, LQ = [w0 w1]. main unlocks mu (nobody queued on
//     it: the waiters have not run) and collects three values from woke.
//   - Round 1: main blocks on <-woke; w2 (RN) relocks mu in Wait, unlocks,
//     and its send readies main (RN); it exits, main logs and blocks again,
//     then w0 and w1 run from LQ the same way. Order 2 0 1.
//   - Round 2 (w3 w4 w5 wait): after Broadcast (RN = w5, LQ = [w3 w4]) main,
//     still holding mu, runs go n, which puts n in RN and kicks w5 to LQ:
//     LQ = [w3 w4 w5]. main unlocks and blocks on <-woke; n's send readies
//     main, then w3, w4, w5 run from LQ. Order n 3 4 5.
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
	woke := make(chan string)
	waiter := func(name string) {
		mu.Lock()
		ready <- true
		cond.Wait()
		mu.Unlock()
		woke <- name
	}

	for _, name := range []string{"w0", "w1", "w2"} {
		go waiter(name)
		<-ready
	}
	mu.Lock()
	cond.Broadcast()
	mu.Unlock()
	var order []string
	for i := 0; i < 3; i++ {
		order = append(order, <-woke)
	}
	out.WriteString("Broadcast: " + strings.Join(order, " ") + "\n")

	for _, name := range []string{"w3", "w4", "w5"} {
		go waiter(name)
		<-ready
	}
	mu.Lock()
	cond.Broadcast()
	go func() {
		woke <- "n"
	}()
	mu.Unlock()
	order = nil
	for i := 0; i < 4; i++ {
		order = append(order, <-woke)
	}
	out.WriteString("Broadcast, then go n: " + strings.Join(order, " ") + "\n")
	fmt.Print(out.String())
}
