// close wakes four blocked receivers, queued 0 1 2 3: with one P they run
// 0 3 2 1, after the closer has gone on to record "closed".
//
// Each receiver i first hands i to main on the unbuffered started channel,
// then blocks on <-ch. main waits for that handshake before starting the
// next receiver, so ch.recvq holds R0 R1 R2 R3 in that order:
//
//	go R(i)        runnext=R(i)
//	<-started      main parks; R(i) runs: started <- i readies main
//	               (runnext) and R(i) goes on to <-ch, where it parks;
//	               main runs again.
//
// Why 0 3 2 1 (runtime/chan.go closechan, Go 1.27.3): closechan dequeues
// every receiver in FIFO order and pushes each onto a gList, which is a
// stack; then it pops them (R3 R2 R1 R0) into goready. goready is
// runqput(next=true): each one takes runnext and kicks the previous one to
// the local queue's tail:
//
//	goready(R3)  runnext=R3
//	goready(R2)  runnext=R2  local=[R3]
//	goready(R1)  runnext=R1  local=[R3 R2]
//	goready(R0)  runnext=R0  local=[R3 R2 R1]
//
// close does not yield, so main records "closed" first; wg.Wait parks it and
// the receivers run runnext first, then the local queue: 0 3 2 1. Each got
// the zero value with ok=false.
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
	ch := make(chan int)
	started := make(chan int)
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			started <- i
			v, ok := <-ch
			out = append(out, fmt.Sprintf("%d(%d,%t)", i, v, ok))
			wg.Done()
		}()
		<-started
	}
	close(ch)
	out = append(out, "closed")
	wg.Wait()
	fmt.Println(strings.Join(out, " "))
}
