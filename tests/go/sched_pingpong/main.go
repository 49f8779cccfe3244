// An unbuffered ping-pong between main and B, both recording after every
// channel operation, plus a goroutine C started before B: with one P the
// records alternate in pairs (the side that blocked records second) and C
// runs only after the ping-pong is over.
//
// Why (runtime/chan.go and proc.go, Go 1.27.3): a send that finds a waiting
// receiver (or a receive that finds a waiting sender) completes the
// exchange, readies the other goroutine with goready (runnext) and carries
// on without yielding; the other side runs when this one blocks.
//
//	go C, go B       runnext=B local=[C]
//	main: ping <- 0  nobody receives: main parks in ping.sendq
//	B: <-ping        takes 0 from main, goready(main); records "B got 0";
//	                 pong <- 1: main is not receiving yet, B parks
//	main (runnext):  records "A sent 0"; <-pong takes 1 from B, goready(B),
//	                 records "A got 1"; ping <- 2 parks (B is not waiting)
//	B (runnext):     records "B sent 1"; <-ping takes 2 ... and so on.
//
// Every switch goes through runnext, so the whole exchange shares one time
// slice and C, in the local queue since the start, waits: it runs only when
// main parks in wg.Wait and B has returned (B first: it is in runnext).
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
	ping := make(chan int)
	pong := make(chan int)
	wg.Add(2)
	go func() { // C
		out = append(out, "C")
		wg.Done()
	}()
	go func() { // B
		for i := 0; i < 3; i++ {
			v := <-ping
			out = append(out, fmt.Sprintf("B got %d", v))
			pong <- v + 1
			out = append(out, fmt.Sprintf("B sent %d", v+1))
		}
		wg.Done()
	}()
	for i := 0; i < 3; i++ {
		ping <- 2 * i
		out = append(out, fmt.Sprintf("A sent %d", 2*i))
		v := <-pong
		out = append(out, fmt.Sprintf("A got %d", v))
	}
	wg.Wait()
	fmt.Println(strings.Join(out, "\n"))
}
