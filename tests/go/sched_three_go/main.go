// Three go statements, then wg.Wait: with one P, Go runs them c, a, b.
//
// Why (runtime/proc.go, Go 1.27.3): newproc puts each new goroutine into
// the P's runnext slot (runqput with next=true), and the goroutine that was
// in runnext moves to the tail of the local run queue.
//
//	go a   runnext=a  local=[]
//	go b   runnext=b  local=[a]
//	go c   runnext=c  local=[a b]
//
// wg.Wait parks main; schedule takes runnext first (c), then the local queue
// in FIFO order (a, b). The global queue is empty, so the schedtick%61 check
// cannot pick anything else. b's Done (the last) readies main (goready ->
// runnext), which then prints.
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
	wg.Add(3)
	go func() {
		out = append(out, "a")
		wg.Done()
	}()
	go func() {
		out = append(out, "b")
		wg.Done()
	}()
	go func() {
		out = append(out, "c")
		wg.Done()
	}()
	wg.Wait()
	fmt.Println(strings.Join(out, " "))
}
