// A goroutine that starts two goroutines and then blocks: with one P, Go
// prints D A C C-sent A-got-1 B.
//
// main starts A then D and waits. A starts B then C and blocks receiving
// from the unbuffered ch; C sends 1 on ch.
//
// Why (runtime/proc.go and chan.go, Go 1.27.3):
//
//	go A, go D       runnext=D  local=[A]         main parks in wg.Wait
//	D runs (runnext), returns
//	A runs (local):  go B, go C -> runnext=C local=[B]; <-ch parks A
//	C runs (runnext): ch <- 1 finds A in ch.recvq: send() copies the value
//	                 and goready(A) puts A in runnext (B stays in local).
//	                 A send to a waiting receiver does not yield, so C goes on,
//	                 records "C-sent" and returns.
//	A runs (runnext) before B, which has been waiting in the local queue.
//	B runs last; its Done readies main.
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
	wg.Add(2)
	go func() { // A
		out = append(out, "A")
		wg.Add(2)
		go func() { // B
			out = append(out, "B")
			wg.Done()
		}()
		go func() { // C
			out = append(out, "C")
			ch <- 1
			out = append(out, "C-sent")
			wg.Done()
		}()
		v := <-ch
		out = append(out, fmt.Sprintf("A-got-%d", v))
		wg.Done()
	}()
	go func() { // D
		out = append(out, "D")
		wg.Done()
	}()
	wg.Wait()
	fmt.Println(strings.Join(out, " "))
}
