// WaitGroup and Cond wake their waiters in FIFO order, one goready each, so
// with one P three waiters queued 0 1 2 run 2 0 1 (compare close, which
// readies LIFO and gives 0 2 1). Go prints
//
//	wg.Done:        main-done W2 X W0 W1
//	cond.Broadcast: main-broadcast C2 C0 C1
//	cond.Signal x3: main-signalled S2 S0 S1
//
// Each waiter hands its number to main on the unbuffered ready channel
// (readying main into runnext without yielding) and then blocks, so the
// waiters are queued in number order.
//
// Why (sync/waitgroup.go, runtime/sema.go, Go 1.27.3): when Done brings the
// counter to zero, WaitGroup.Add calls runtime_Semrelease once per waiter;
// each semrelease1 dequeues the oldest waiter (semaRoot.queue is FIFO for
// one address) and readyWithTime -> goready puts it in runnext, kicking the
// previous runnext to the local tail. X was started just before the Done:
//
//	go X             runnext=X
//	wg2.Done()       goready W0: runnext=W0 local=[X]
//	                 goready W1: runnext=W1 local=[X W0]
//	                 goready W2: runnext=W2 local=[X W0 W1]
//
// Cond.Broadcast is notifyListNotifyAll: it readies the waiters in list
// (FIFO) order, C0 C1 C2 -> runnext=C2 local=[C0 C1]. Three Signals each
// ready the oldest waiter (notifyListNotifyOne): the same order. None of
// these yield, so main records first; then main parks in wg.Wait. A woken
// Cond waiter relocks mu, which nobody holds.
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

	var out []string
	var lines []string
	var wg sync.WaitGroup
	ready := make(chan int)

	// WaitGroup.
	var wg2 sync.WaitGroup
	wg2.Add(1)
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			ready <- i
			wg2.Wait()
			out = append(out, fmt.Sprintf("W%d", i))
			wg.Done()
		}()
		<-ready
	}
	wg.Add(1)
	go func() {
		out = append(out, "X")
		wg.Done()
	}()
	wg2.Done()
	out = append(out, "main-done")
	wg.Wait()
	lines = append(lines, "wg.Done:        "+strings.Join(out, " "))

	// Cond.Broadcast and Cond.Signal.
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	for _, name := range []string{"C", "S"} {
		out = nil
		for i := 0; i < 3; i++ {
			wg.Add(1)
			go func() {
				mu.Lock()
				ready <- i
				cond.Wait()
				out = append(out, fmt.Sprintf("%s%d", name, i))
				mu.Unlock()
				wg.Done()
			}()
			<-ready
		}
		if name == "C" {
			cond.Broadcast()
			out = append(out, "main-broadcast")
			wg.Wait()
			lines = append(lines, "cond.Broadcast: "+strings.Join(out, " "))
		} else {
			for i := 0; i < 3; i++ {
				cond.Signal()
			}
			out = append(out, "main-signalled")
			wg.Wait()
			lines = append(lines, "cond.Signal x3: "+strings.Join(out, " "))
		}
	}
	fmt.Println(strings.Join(lines, "\n"))
}
