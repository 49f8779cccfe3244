// Zero-duration time.AfterFunc timers fire at the next scheduling point,
// and each function's new goroutine takes runnext, ahead of goroutines
// already waiting in the local run queue. With one P, Go prints
//
//	part 1: main-waits T2 A B C T1
//	part 2: main-after-Sleep(0) D
//
// Why (runtime/time.go, proc.go; time/sleep.go; Go 1.27.3): AfterFunc(0, f)
// only puts a timer with when = now in the P's timer heap; nothing runs
// until the goroutine gives up the P. findRunnable first calls
// pp.timers.check, which runs every expired timer in order of when; an
// AfterFunc timer's function is goFunc, which does `go f()`, so newproc
// puts f's goroutine in runnext, kicking the previous runnext to the local
// tail:
//
//	go A                 runnext=A
//	AfterFunc(0, T1)     (timer)
//	go B                 runnext=B   local=[A]
//	AfterFunc(0, T2)     (timer)
//	go C                 runnext=C   local=[A B]
//	wg.Wait parks main; findRunnable runs the two timers:
//	  go T1              runnext=T1  local=[A B C]
//	  go T2              runnext=T2  local=[A B C T1]
//
// and then runs runnext, then the local queue. The global queue is empty.
//
// Part 2: time.Sleep(0) returns at once without yielding (unlike
// runtime.Gosched), so main records before D runs.
//
// (In a testing/synctest bubble, timer.modify runs a fake timer that is
// already due at once, inside AfterFunc; outside a bubble it waits for the
// next check, as here.)
package main

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"
)

func main() {
	runtime.GOMAXPROCS(1)
	runtime.Gosched()

	var out []string
	var wg sync.WaitGroup
	worker := func(name string) {
		out = append(out, name)
		wg.Done()
	}

	// Part 1.
	wg.Add(5)
	go worker("A")
	time.AfterFunc(0, func() { worker("T1") })
	go worker("B")
	time.AfterFunc(0, func() { worker("T2") })
	go worker("C")
	out = append(out, "main-waits")
	wg.Wait()
	part1 := strings.Join(out, " ")

	// Part 2.
	out = nil
	wg.Add(1)
	go worker("D")
	time.Sleep(0)
	out = append(out, "main-after-Sleep(0)")
	wg.Wait()
	part2 := strings.Join(out, " ")

	fmt.Println("part 1:", part1)
	fmt.Println("part 2:", part2)
}
