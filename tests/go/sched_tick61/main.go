// The schedtick%61 fairness check, measured without knowing schedtick: a
// goroutine Y that keeps calling runtime.Gosched (so it always waits on the
// global queue) while 250 short workers fill the local run queue gets one
// turn every 61 scheduling ticks: exactly 60 workers run between two of
// its turns. With one P, Go prints
//
//	gaps: 60 60
//	first turn after at most 61 workers: true
//	last turn saw 250 workers done
//
// Why (runtime/proc.go findRunnable, execute, goschedImpl, Go 1.27.3):
// findRunnable takes one goroutine from the head of the global queue when
// schedtick%61 == 0 (and the global queue is not empty), else runnext,
// else the local queue head. execute does schedtick++ for every goroutine
// not taken from runnext. Gosched puts Y back on the global queue each time.
//
//	go Y; <-started    Y readies main (runnext) and calls Gosched
//	main: go W0..W249  runnext=W249 local=[W0..W248] (249 < 256 slots)
//	main parks in wg.Wait; global=[Y]
//
// Y runs at a tick t0 with t0%61 == 0 (t becomes t0+1); the checks at
// t0+1 .. t0+60 each run one worker from the local queue (one tick each);
// the check at t0+61 finds 0 again and runs Y. So between two turns of Y
// exactly 60 workers run, as long as workers remain and runnext is empty.
// The start-up schedtick is unknown, so the first turn comes after 0..61
// workers (W249 from runnext runs without a tick: if Y's first turn came
// before it, the first gap is 61). The second and third gaps are always
// 60, and the third gap ends by worker 61+3*60 = 241 < 250, so it is a
// 61-tick turn too. After the last worker the local queue is empty and Y
// comes from the global queue at once: it sees all 250 done.
package main

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
)

const workers = 250

func main() {
	runtime.GOMAXPROCS(1)
	runtime.Gosched()

	var wg sync.WaitGroup
	started := make(chan bool)
	measuring := false
	done := 0
	var seen []int // the value of done at each turn of Y while measuring

	wg.Add(1)
	go func() { // Y
		started <- true
		for {
			runtime.Gosched()
			if measuring {
				seen = append(seen, done)
			}
			if done == workers {
				break
			}
		}
		wg.Done()
	}()
	<-started
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			done++
			wg.Done()
		}()
	}
	measuring = true
	wg.Wait()

	var gaps []string
	for i := 1; i < 3; i++ {
		gaps = append(gaps, fmt.Sprint(seen[i+1]-seen[i]))
	}
	fmt.Println("gaps:", strings.Join(gaps, " "))
	fmt.Println("first turn after at most 61 workers:", seen[0] <= 61)
	fmt.Println("last turn saw", seen[len(seen)-1], "workers done")
}
