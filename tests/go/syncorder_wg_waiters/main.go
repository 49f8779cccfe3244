// WaitGroup: three goroutines wait, and the Done that brings the counter to
// zero releases them. They run in the order 2 0 1, and only after the goroutine
// that called Done (main) blocks.
//
// Why (one P; RN = the P's runnext slot, LQ = its local run queue):
//   - Each waiter is started and handed over one at a time: `go` puts w(i) in
//     RN; main blocks on <-waiting, so w(i) runs; its send hands i to main and
//     readies main (RN = main), and w(i) goes on into wg.Wait, where it
//     increments the waiter count and blocks in semacquire on wg.sema. Only
//     then does main run again. So wg.sema's queue (FIFO) is w0 w1 w2.
//   - wg.Done() is Add(-1): the counter reaches 0 with 3 waiters, so Add calls
//     runtime_Semrelease 3 times. Each semrelease dequeues the first waiter and
//     goready's it into RN, kicking the previous RN to the tail of LQ:
//     w0 -> RN; w1 -> RN, LQ = [w0]; w2 -> RN, LQ = [w0 w1].
//   - semrelease does not yield (no handoff), so main goes on: it writes its
//     line, then blocks in fin.Wait().
//   - The scheduler takes RN first (w2), then LQ in order (w0, w1). Each waiter
//     sends its number on the buffered channel order and calls fin.Done; w1's
//     Done is the last and readies main.
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
	var wg, fin sync.WaitGroup
	wg.Add(1)
	fin.Add(3)
	waiting := make(chan int)
	order := make(chan int, 3)
	for i := 0; i < 3; i++ {
		go func() {
			waiting <- i
			wg.Wait()
			order <- i
			fin.Done()
		}()
		fmt.Fprintf(&out, "waiter %d waits\n", <-waiting)
	}
	wg.Done()
	out.WriteString("main: the last Done returned\n")
	fin.Wait()
	close(order)
	for i := range order {
		fmt.Fprintf(&out, "waiter %d runs\n", i)
	}
	fmt.Print(out.String())
}
