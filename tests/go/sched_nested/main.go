// Goroutines that start goroutines: with one P, Go prints
// C C2 A A2 B B2 C1 A1 A1x B1.
//
// main starts A, B, C; each of them starts two children (A1 A2, B1 B2,
// C1 C2) and A1 starts A1x. Every goroutine records its name first, then
// starts its children in order, then returns.
//
// Why (runtime/proc.go, Go 1.27.3): newproc puts the new goroutine in
// runnext and kicks the previous runnext to the tail of the local queue
// (runqput next=true); schedule takes runnext first, then the local queue
// head. A parent's last child is therefore the next to run (it inherits the
// parent's time slice); its first child waits at the tail.
//
//	go A, go B, go C           runnext=C  local=[A B]
//	C:  go C1, go C2           runnext=C2 local=[A B C1]
//	C2: (runnext)                         local=[A B C1]
//	A:  go A1, go A2           runnext=A2 local=[B C1 A1]
//	A2, then B: go B1, go B2   runnext=B2 local=[C1 A1 B1]
//	B2, C1, A1: go A1x         runnext=A1x local=[B1]
//	A1x, B1
//
// The global queue stays empty. The last Done (B1's) readies main.
package main

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
)

var tree = map[string][]string{
	"main": {"A", "B", "C"},
	"A":    {"A1", "A2"},
	"B":    {"B1", "B2"},
	"C":    {"C1", "C2"},
	"A1":   {"A1x"},
}

func main() {
	runtime.GOMAXPROCS(1)
	runtime.Gosched()

	var out []string
	var wg sync.WaitGroup
	var node func(name string)
	node = func(name string) {
		out = append(out, name)
		for _, kid := range tree[name] {
			wg.Add(1)
			go node(kid)
		}
		wg.Done()
	}
	for _, kid := range tree["main"] {
		wg.Add(1)
		go node(kid)
	}
	wg.Wait()
	fmt.Println(strings.Join(out, " "))
}
