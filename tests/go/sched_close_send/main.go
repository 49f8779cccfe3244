// Three closes in a row wake blocked receivers and blocked senders: with
// one P they run B0 R2 R1 R0 S2 S1 S0 B1.
//
//	rc: unbuffered, receivers R0 R1 R2 blocked in <-rc
//	sc: unbuffered, senders S0 S1 S2 blocked in sc <- i
//	bc: buffered (cap 1) holding 100, senders B0 B1 blocked in bc <- i
//
// Each goroutine hands its number to main on the unbuffered started channel
// just before it blocks, so every wait queue holds its goroutines in number
// order (started <- i readies main into runnext without yielding; the
// goroutine goes on and parks; then main runs again).
//
// Why (runtime/chan.go closechan, Go 1.27.3): closechan collects the
// channel's waiters (receivers first, then senders, each queue in FIFO
// order) on a gList, a stack, and pops them into goready, so they are
// readied last-queued first. goready takes runnext and kicks the previous
// runnext to the local queue's tail. close does not yield, so the three
// closes chain through the same runnext slot:
//
//	close(rc): goready R2 R1 R0   runnext=R0 local=[R2 R1]
//	close(sc): goready S2 S1 S0   runnext=S0 local=[R2 R1 R0 S2 S1]
//	close(bc): goready B1 B0      runnext=B0 local=[R2 R1 R0 S2 S1 S0 B1]
//
// Then wg.Wait parks main and the goroutines run runnext first, then the
// local queue. A woken sender panics with "send on closed channel" (here
// recovered); a woken receiver gets the zero value and ok=false. The value
// buffered in bc before the close is still received afterwards.
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
	var wg sync.WaitGroup
	rc := make(chan int)
	sc := make(chan int)
	bc := make(chan int, 1)
	bc <- 100
	started := make(chan int)

	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			started <- i
			v, ok := <-rc
			out = append(out, fmt.Sprintf("R%d(%d,%t)", i, v, ok))
			wg.Done()
		}()
		<-started
	}
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer func() {
				out = append(out, fmt.Sprintf("S%d(%v)", i, recover()))
				wg.Done()
			}()
			started <- i
			sc <- i
		}()
		<-started
	}
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer func() {
				out = append(out, fmt.Sprintf("B%d(%v)", i, recover()))
				wg.Done()
			}()
			started <- i
			bc <- i
		}()
		<-started
	}
	close(rc)
	close(sc)
	close(bc)
	out = append(out, "closed")
	wg.Wait()
	v, ok := <-bc
	out = append(out, fmt.Sprintf("bc(%d,%t)", v, ok))
	v, ok = <-bc
	out = append(out, fmt.Sprintf("bc(%d,%t)", v, ok))
	fmt.Println(strings.Join(out, "\n"))
}
