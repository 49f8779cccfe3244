// Ten go statements in a loop, then wg.Wait: with one P, Go runs the last
// one first, then the others in the order they were started: 9 0 1 ... 8.
//
// Why (runtime/proc.go, Go 1.27.3): newproc calls runqput(pp, newg,
// next=true). Each new goroutine takes the runnext slot and kicks the one
// that was there to the tail of the local run queue:
//
//	after go 0..9: runnext=9  local=[0 1 2 3 4 5 6 7 8]
//
// wg.Wait parks main; runqget returns runnext first (9, inheriting main's
// time slice), then the local queue head to tail. Ten goroutines are far
// below the local queue's 256 slots and the global queue stays empty, so
// neither runqputslow nor the schedtick%61 check plays a part. The last Done
// (from 8) readies main.
package main

import (
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
)

func main() {
	runtime.GOMAXPROCS(1)
	runtime.Gosched()

	var out []string
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() {
			out = append(out, strconv.Itoa(i))
			wg.Done()
		}()
	}
	wg.Wait()
	fmt.Println(strings.Join(out, " "))
}
