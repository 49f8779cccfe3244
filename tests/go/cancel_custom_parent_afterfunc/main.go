// A custom parent context costs each child a watcher goroutine, unless (since Go 1.21)
// it has an AfterFunc method: then the context package registers the child through it.
package main

import (
	"context"
	"fmt"
	"runtime"
	"time"
)

// stopCtx is a context of our own: Done is our channel, so the context
// package cannot link a child into a parent's child set.
type stopCtx struct {
	context.Context
	stop chan struct{}
}

func (c stopCtx) Done() <-chan struct{} { return c.stop }

// afterFuncCtx adds the method that the context package looks for.
type afterFuncCtx struct {
	stopCtx
	inner context.Context // done together with stop
}

func (c afterFuncCtx) AfterFunc(f func()) func() bool { return context.AfterFunc(c.inner, f) }

// watchers counts the goroutines that 100 WithCancel children of parent start.
func watchers(parent context.Context) int {
	before := runtime.NumGoroutine()
	var cancels []context.CancelFunc
	for i := 0; i < 100; i++ {
		_, cancel := context.WithCancel(parent)
		cancels = append(cancels, cancel)
	}
	n := runtime.NumGoroutine() - before
	for _, cancel := range cancels {
		cancel()
	}
	for runtime.NumGoroutine() > before {
		time.Sleep(time.Millisecond) // the watchers see their child done and return
	}
	return n
}

func main() {
	plain := stopCtx{context.Background(), make(chan struct{})}
	fmt.Println("a Done of our own: watcher goroutines:", watchers(plain))

	inner, cancel := context.WithCancel(context.Background())
	defer cancel()
	withAfterFunc := afterFuncCtx{stopCtx{context.Background(), make(chan struct{})}, inner}
	fmt.Println("and an AfterFunc method: watcher goroutines:", watchers(withAfterFunc))
}
