// RWMutex: many readers at once, one writer alone, and a waiting writer blocks new readers.
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	var rw sync.RWMutex
	in := make(chan int)
	release := make(chan bool)
	for i := 0; i < 3; i++ {
		go func() {
			rw.RLock()
			in <- i
			<-release
			rw.RUnlock()
			in <- -1
		}()
	}
	sum := 0
	for i := 0; i < 3; i++ {
		sum += <-in
	}
	fmt.Println("three readers hold the lock at once; ids sum to", sum)
	fmt.Println("TryLock while read-locked:", rw.TryLock())
	fmt.Println("TryRLock while read-locked:", rw.TryRLock())
	rw.RUnlock()
	close(release)
	for i := 0; i < 3; i++ {
		<-in
	}

	// A writer waits for the reader; meanwhile new readers must wait too.
	rw.RLock()
	writer := make(chan string)
	go func() {
		rw.Lock()
		writer <- "writer locked"
		rw.Unlock()
		writer <- "writer unlocked"
	}()
	time.Sleep(10 * time.Millisecond) // the writer is waiting by now
	fmt.Println("TryRLock with a writer waiting:", rw.TryRLock())
	rw.RUnlock()
	fmt.Println(<-writer)
	fmt.Println(<-writer)
	fmt.Println("TryLock after the writer's Unlock:", rw.TryLock())
	rw.Unlock()

	// RLocker gives the read side a Lock/Unlock pair.
	r := rw.RLocker()
	r.Lock()
	fmt.Println("TryLock while RLocker holds the read lock:", rw.TryLock())
	r.Unlock()
	fmt.Println("TryLock after RLocker's Unlock:", rw.TryLock())
	rw.Unlock()
}
