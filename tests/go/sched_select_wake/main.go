// Goroutines blocked in select are woken by a send, by a receive and by a
// close. With one P a woken select goroutine goes to runnext like any other
// woken goroutine, ahead of goroutines already in the local run queue.
//
// Each select goroutine first hands a token to main on the unbuffered ready
// channel (which readies main into runnext without yielding), then enters
// its select; no case is ready, so selectgo enqueues a sudog on every
// case's channel and parks. Then main runs again.
//
//  1. S selects on <-a and <-b. main starts W1, W2 (runnext=W2 local=[W1]),
//     then sends 7 on b: the send finds S's sudog in b.recvq (selectDone
//     is won), copies 7 and goready(S): runnext=S, W2 kicked: local=[W1 W2].
//     main goes on ("main sent 7"), parks in wg.Wait: S, W1, W2.
//  2. T selects on c <- 1 and d <- 2. main starts X1, X2, then receives
//     from d: it finds T's sudog in d.sendq, takes 2 and goready(T):
//     "main got 2", then T, X1, X2.
//  3. U0 U1 U2 each select on <-done and <-never (queued in that order on
//     done.recvq). close(done) pushes them on a gList and readies them
//     U2 U1 U0: runnext=U0 local=[U2 U1], so they run U0 U2 U1.
//
// Only one case can ever proceed in each select, so the random pollorder of
// selectgo has no effect.
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
	ready := make(chan bool)
	worker := func(name string) {
		out = append(out, name)
		wg.Done()
	}

	// 1. A select woken by a send.
	a := make(chan int)
	b := make(chan int)
	wg.Add(3)
	go func() { // S
		ready <- true
		select {
		case v := <-a:
			out = append(out, fmt.Sprintf("S got %d from a", v))
		case v := <-b:
			out = append(out, fmt.Sprintf("S got %d from b", v))
		}
		wg.Done()
	}()
	<-ready
	go worker("W1")
	go worker("W2")
	b <- 7
	out = append(out, "main sent 7")
	wg.Wait()

	// 2. A select woken by a receive.
	c := make(chan int)
	d := make(chan int)
	wg.Add(3)
	go func() { // T
		ready <- true
		select {
		case c <- 1:
			out = append(out, "T sent 1 on c")
		case d <- 2:
			out = append(out, "T sent 2 on d")
		}
		wg.Done()
	}()
	<-ready
	go worker("X1")
	go worker("X2")
	v := <-d
	out = append(out, fmt.Sprintf("main got %d", v))
	wg.Wait()

	// 3. Selects woken by a close.
	done := make(chan struct{})
	never := make(chan int)
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() { // U0 U1 U2
			ready <- true
			select {
			case <-done:
				out = append(out, fmt.Sprintf("U%d done", i))
			case <-never:
				out = append(out, fmt.Sprintf("U%d never", i))
			}
			wg.Done()
		}()
		<-ready
	}
	close(done)
	out = append(out, "main closed done")
	wg.Wait()

	fmt.Println(strings.Join(out, "\n"))
}
