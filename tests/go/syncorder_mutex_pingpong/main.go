// Mutex + channels: main's Unlock wakes w, but main and p then ping-pong on
// unbuffered channels, and every wakeup goes to runnext. w, kicked out to
// the local queue, does not run until the ping-pong ends, and meanwhile main
// locks the mutex three more times (w is woken, so nobody else is woken).
//
// Why (one P; RN = runnext, LQ = local run queue; state = waiters<<3 |
// starving 4 | woken 2 | locked 1, internal/sync/mutex.go):
//   - main locks mu; w is started and handed over (it runs while main blocks
//     on <-queued, readies main with its send and blocks in mu.Lock:
//     state 1<<3|1 = 9).
//   - mu.Unlock (9-1 = 8): state = woken (2), w readied into RN.
//   - go p puts p in RN and kicks w to LQ, where it stays: from now on each
//     goroutine that runs is taken from RN, and each wakeup refills RN.
//   - Each round: main's Lock finds the mutex unlocked (state 2) and takes it
//     (state 3). `ping <- i` finds nobody waiting (p is in RN, not yet in its
//     receive), so main blocks; p runs (RN), takes the value from the blocked
//     sender and readies it (RN = main), logs, and blocks in `pong <- v`
//     (main is not receiving yet). main runs, its receive takes p's value and
//     readies p (RN = p); main's Unlock (3-1 = 2) sees woken set and wakes
//     nobody.
//   - After the third round main blocks on <-wdone. p (RN) returns from its
//     last send and exits. Only then does w run from LQ: the mutex is
//     unlocked (2), so it locks and clears woken (state 1), logs, unlocks and
//     readies main.
//
// A goroutine can starve like w for as long as such a runnext ping-pong
// lasts; in real Go only sysmon's 10 ms preemption would rescue it, and this
// program is far shorter than that. Everybody logs on the buffered channel
// ev, which main prints at the end.
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

	ev := make(chan string, 32)
	var mu sync.Mutex
	queued := make(chan bool)
	wdone := make(chan bool)
	ping := make(chan int)
	pong := make(chan int)

	mu.Lock()
	go func() {
		queued <- true
		mu.Lock()
		ev <- "w has the lock"
		mu.Unlock()
		wdone <- true
	}()
	<-queued
	ev <- "main unlocks: w is woken"
	mu.Unlock()
	go func() {
		for i := 0; i < 3; i++ {
			v := <-ping
			ev <- fmt.Sprintf("p got ping %d", v)
			pong <- v
		}
	}()
	for i := 0; i < 3; i++ {
		mu.Lock()
		ev <- fmt.Sprintf("main has the lock (round %d)", i)
		ping <- i
		<-pong
		mu.Unlock()
	}
	<-wdone
	close(ev)

	var out strings.Builder
	for s := range ev {
		out.WriteString(s + "\n")
	}
	fmt.Print(out.String())
}
