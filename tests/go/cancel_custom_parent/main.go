// WithCancel on a parent that is not one of the context package's own types
// starts a goroutine that watches the parent; only cancel() ends it.
package main

import (
	"context"
	"fmt"
	"runtime"
	"time"
)

// stopCtx is a context of our own: Done is our channel, so the context
// package cannot link the child into a parent's child set and must watch it.
type stopCtx struct {
	context.Context
	stop chan struct{}
}

func (c stopCtx) Done() <-chan struct{} { return c.stop }

func main() {
	parent := stopCtx{context.Background(), make(chan struct{})}
	fmt.Println("goroutines at start:", runtime.NumGoroutine())

	var cancels []context.CancelFunc
	for i := 0; i < 100; i++ {
		_, cancel := context.WithCancel(parent) // a request that forgets cancel (for now)
		cancels = append(cancels, cancel)
	}
	fmt.Println("after 100 WithCancel without cancel:", runtime.NumGoroutine())

	for _, cancel := range cancels {
		cancel()
	}
	for runtime.NumGoroutine() > 1 {
		time.Sleep(time.Millisecond)
	}
	fmt.Println("after calling every cancel:", runtime.NumGoroutine())
}
