// Go 1.27's goroutine leak profile (chapter 16): a GC cycle finds the goroutines
// blocked on channels that no running goroutine can reach any more.
package main

import (
	"fmt"
	"runtime/pprof"
	"strings"
	"sync"
	"time"
)

// first asks every replica and returns the first reply. The others can never
// send theirs: nobody will receive from replies again.
func first(started *sync.WaitGroup, replicas ...string) string {
	replies := make(chan string)
	for _, r := range replicas {
		started.Add(1)
		go func() {
			started.Done()
			replies <- "reply from " + r
		}()
	}
	return <-replies
}

func main() {
	var started sync.WaitGroup
	first(&started, "a", "b", "c")
	started.Wait()
	jobs := make(chan int)
	go func() { // blocked too, but main can still reach jobs: not a leak
		for range jobs {
		}
	}()
	time.Sleep(100 * time.Millisecond) // let every goroutine reach its send or receive

	var profile strings.Builder
	leaks := pprof.Lookup("goroutineleak")
	leaks.WriteTo(&profile, 2) // debug=2: stacks in the format of a crash
	fmt.Println("leaked goroutines:", leaks.Count())
	lines := strings.Split(profile.String(), "\n")
	for i, line := range lines {
		if strings.HasSuffix(line, "(leaked)]:") {
			state := line[strings.Index(line, "["):]
			fmt.Println(state, lines[i+1])
		}
	}
	close(jobs)
}
