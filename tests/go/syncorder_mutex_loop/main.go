// Mutex: two goroutines each lock, append and unlock three times in a loop.
// With one P they never contend: b (started second) does all its rounds, then
// a does all of its.
//
// Why (one P; RN = runnext, LQ = local run queue):
//   - go a puts a in RN; go b puts b in RN and kicks a to LQ. main blocks in
//     wg.Wait, so b runs first (RN), then a (LQ).
//   - Nothing inside the loop blocks: Lock on an unlocked mutex is the
//     CompareAndSwap fast path (0 -> locked), Unlock of a mutex with no waiters
//     is the fast path (locked -> 0), and neither one enters the scheduler.
//     Goroutines are not preempted in such a short run (sysmon preempts only
//     after 10 ms), so b runs all three rounds without a pause, exits, and only
//     then does a run.
//   - a's last wg.Done readies main.
//
// The mutex never has a waiter here: the order is the scheduler's alone.
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

	var mu sync.Mutex
	var wg sync.WaitGroup
	var got []string // guarded by mu
	worker := func(name string) {
		for i := 0; i < 3; i++ {
			mu.Lock()
			got = append(got, fmt.Sprintf("%s%d", name, i))
			mu.Unlock()
		}
		wg.Done()
	}
	wg.Add(2)
	go worker("a")
	go worker("b")
	wg.Wait()

	var out strings.Builder
	out.WriteString("lock order: " + strings.Join(got, " ") + "\n")
	fmt.Print(out.String())
}
