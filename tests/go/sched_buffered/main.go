// A producer sends 0..5 on a buffered channel and closes it while main
// ranges over it, for capacities 1, 2 and 3. With one P the records are:
//
//	cap 1: p0 p1 c0 c1 c2 p2 p3 p4 c3 c4 c5 p5
//	cap 2: p0 p1 p2 c0 c1 c2 c3 p3 p4 p5 c4 c5
//	cap 3: p0 p1 p2 p3 c0 c1 c2 c3 c4 p4 p5 c5
//
// Why (runtime/chan.go chansend/chanrecv/recv, Go 1.27.3), for capacity c:
//
//	go P             runnext=P; main's first receive finds nothing and parks
//	P: ch <- 0       main waits in recvq: the value goes straight to main,
//	                 goready(main) (runnext); P does not yield: "p0"
//	P: 1..c          fill the buffer: "p1".."pc"; the send of c+1 parks P
//	main: "c0"       then a receive from the full buffer with P in sendq
//	                 (recv): main takes 1 from the head, P's c+1 goes to the
//	                 tail, goready(P) (runnext); main goes on draining the
//	                 buffer ("c1".."c(c+1)") and parks on the empty channel
//	P: "p(c+1)"      its send is done; the next send finds main waiting and
//	                 hands over directly again, and the cycle repeats.
//
// close(ch) readies main if it is parked (cap 1), else main finds the
// channel closed once the buffer is drained. Each round, P has returned
// before main leaves the range loop (wg.Wait is then immediate).
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

	var lines []string
	for c := 1; c <= 3; c++ {
		var out []string
		var wg sync.WaitGroup
		ch := make(chan int, c)
		wg.Add(1)
		go func() {
			for i := 0; i < 6; i++ {
				ch <- i
				out = append(out, fmt.Sprintf("p%d", i))
			}
			close(ch)
			wg.Done()
		}()
		for v := range ch {
			out = append(out, fmt.Sprintf("c%d", v))
		}
		wg.Wait()
		lines = append(lines, fmt.Sprintf("cap %d: %s", c, strings.Join(out, " ")))
	}
	fmt.Println(strings.Join(lines, "\n"))
}
