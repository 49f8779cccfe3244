// Bounded parallelism three ways: errgroup.SetLimit, a buffered channel as a
// semaphore, and semaphore.Weighted. Six 200ms tasks, at most two at a time.
package main

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"
	"golang.org/x/sync/semaphore"
)

// meter counts the tasks running now and the most that ever ran at once.
type meter struct{ now, max atomic.Int64 }

func (m *meter) task() {
	n := m.now.Add(1)
	for {
		old := m.max.Load()
		if n <= old || m.max.CompareAndSwap(old, n) {
			break
		}
	}
	time.Sleep(200 * time.Millisecond)
	m.now.Add(-1)
}

func report(how string, m *meter, start time.Time) {
	fmt.Println(how+": at most", m.max.Load(), "at once, took", time.Since(start).Round(100*time.Millisecond))
}

func main() {
	const tasks, limit = 6, 2

	// errgroup.SetLimit: Go blocks until a slot is free.
	var m1 meter
	start := time.Now()
	var g errgroup.Group
	g.SetLimit(limit)
	for i := 0; i < tasks; i++ {
		g.Go(func() error { m1.task(); return nil })
	}
	g.Wait()
	report("errgroup.SetLimit", &m1, start)

	// A buffered channel as a semaphore: a send takes a slot, a receive frees it.
	var m2 meter
	start = time.Now()
	sem := make(chan struct{}, limit)
	var wg sync.WaitGroup
	for i := 0; i < tasks; i++ {
		sem <- struct{}{} // blocks while limit tasks are running
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			m2.task()
		}()
	}
	wg.Wait()
	report("buffered channel", &m2, start)

	// semaphore.Weighted: Acquire(ctx, 1) takes a slot; Acquire(ctx, limit) waits for all.
	var m3 meter
	start = time.Now()
	ctx := context.Background()
	w := semaphore.NewWeighted(limit)
	for i := 0; i < tasks; i++ {
		if err := w.Acquire(ctx, 1); err != nil {
			panic(err)
		}
		go func() {
			defer w.Release(1)
			m3.task()
		}()
	}
	if err := w.Acquire(ctx, limit); err != nil {
		panic(err)
	}
	report("semaphore.Weighted", &m3, start)
}
