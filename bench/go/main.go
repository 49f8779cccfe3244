// Command bench runs one goconc benchmark workload in real Go and prints its
// timings as one JSON object on stdout, with the same metric names as the
// Python systems of bench/ (see bench/workloads.py).
//
// Usage: bench -w W1 -n 200000
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func perUnit(d time.Duration, n int, unit time.Duration) float64 {
	return float64(d) / float64(unit) / float64(n)
}

// rssKiB reads the resident set size from /proc/self/statm, as the Python
// side does, so that memory numbers are comparable.
func rssKiB() float64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	pages, _ := strconv.ParseFloat(f[1], 64)
	return pages * float64(os.Getpagesize()) / 1024
}

// W1: unbuffered ping-pong, two handoffs per round trip.
func w1(n int) map[string]any {
	ping, pong := make(chan int), make(chan int)
	go func() {
		for v := range ping {
			pong <- v
		}
	}()
	t0 := time.Now()
	for i := 0; i < n; i++ {
		ping <- i
		<-pong
	}
	d := time.Since(t0)
	close(ping)
	return map[string]any{"ns_per_handoff": perUnit(d, 2*n, time.Nanosecond)}
}

// W2: buffered (cap 128) throughput, one producer, one consumer.
func w2(n int) map[string]any {
	ch := make(chan int, 128)
	t0 := time.Now()
	go func() {
		for i := 0; i < n; i++ {
			ch <- i
		}
		close(ch)
	}()
	for range ch {
	}
	return map[string]any{"ns_per_item": perUnit(time.Since(t0), n, time.Nanosecond)}
}

// W3: spawn and join n goroutines with a WaitGroup.
func w3(n int) map[string]any {
	var wg sync.WaitGroup
	t0 := time.Now()
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() { wg.Done() }()
	}
	wg.Wait()
	return map[string]any{"us_per_goroutine": perUnit(time.Since(t0), n, time.Microsecond)}
}

// parkAndRelease blocks n goroutines on one channel receive, then closes the
// channel and times until every one has woken and finished.
func parkAndRelease(n int, measure bool) (kib float64, release time.Duration) {
	ch := make(chan struct{})
	var started, left atomic.Int64
	left.Store(int64(n))
	ready, done := make(chan struct{}, 1), make(chan struct{}, 1)
	runtime.GC()
	before := rssKiB()
	for i := 0; i < n; i++ {
		go func() {
			if started.Add(1) == int64(n) {
				ready <- struct{}{}
			}
			<-ch
			if left.Add(-1) == 0 {
				done <- struct{}{}
			}
		}()
	}
	<-ready
	time.Sleep(20 * time.Millisecond) // let the last one reach its receive
	if measure {
		kib = (rssKiB() - before) / float64(n)
	}
	t0 := time.Now()
	close(ch)
	<-done
	return kib, time.Since(t0)
}

// W3b: memory per blocked goroutine and the cost of waking them all.
func w3b(n int) map[string]any {
	kib, rel := parkAndRelease(n, true)
	const small = 1000
	_, relSmall := parkAndRelease(small, false)
	return map[string]any{
		"kib_per_blocked": kib,
		"release_us":      perUnit(rel, n, time.Microsecond),
		"release_1k_us":   perUnit(relSmall, small, time.Microsecond),
	}
}

// W4: fan-out/fan-in, 10 workers, unbuffered jobs, buffered results.
func w4(n int) map[string]any {
	jobs, results := make(chan int), make(chan int, 100)
	t0 := time.Now()
	for w := 0; w < 10; w++ {
		go func() {
			for j := range jobs {
				results <- j * 2
			}
		}()
	}
	go func() {
		for i := 0; i < n; i++ {
			jobs <- i
		}
		close(jobs)
	}()
	sum := 0
	for i := 0; i < n; i++ {
		sum += <-results
	}
	_ = sum
	return map[string]any{"ns_per_item": perUnit(time.Since(t0), n, time.Nanosecond)}
}

// W5: select over two unbuffered channels fed alternately by one producer.
func w5(n int) map[string]any {
	a, b := make(chan int), make(chan int)
	t0 := time.Now()
	go func() {
		for i := 0; i < n; i++ {
			if i%2 == 0 {
				a <- i
			} else {
				b <- i
			}
		}
	}()
	sum := 0
	for i := 0; i < n; i++ {
		select {
		case v := <-a:
			sum += v
		case v := <-b:
			sum += v
		}
	}
	_ = sum
	return map[string]any{"ns_per_select": perUnit(time.Since(t0), n, time.Nanosecond)}
}

// W5a: a select that never waits: one of its two buffered channels holds a value.
func w5a(n int) map[string]any {
	a, b := make(chan int, 1), make(chan int, 1)
	sum := 0
	t0 := time.Now()
	for i := 0; i < n; i++ {
		if i%2 == 0 {
			a <- i
		} else {
			b <- i
		}
		select {
		case v := <-a:
			sum += v
		case v := <-b:
			sum += v
		}
	}
	_ = sum
	return map[string]any{"ns_per_select": perUnit(time.Since(t0), n, time.Nanosecond)}
}

// W5b: a select that always waits: the producer sends only after an ack, so
// the select blocks first and the send wakes it.
func w5b(n int) map[string]any {
	a, b, ack := make(chan int), make(chan int), make(chan int)
	go func() {
		for i := 0; i < n; i++ {
			if i%2 == 0 {
				a <- i
			} else {
				b <- i
			}
			<-ack
		}
	}()
	sum := 0
	t0 := time.Now()
	for i := 0; i < n; i++ {
		select {
		case v := <-a:
			sum += v
		case v := <-b:
			sum += v
		}
		ack <- 0
	}
	_ = sum
	return map[string]any{"ns_per_select": perUnit(time.Since(t0), n, time.Nanosecond)}
}

// W6: uncontended Mutex lock/unlock pairs.
func w6(n int) map[string]any {
	var mu sync.Mutex
	x := 0
	t0 := time.Now()
	for i := 0; i < n; i++ {
		mu.Lock()
		x += i
		mu.Unlock()
	}
	_ = x
	return map[string]any{"ns_per_lock": perUnit(time.Since(t0), n, time.Nanosecond)}
}

// W7: contended Mutex: 4 goroutines, each yields while holding the lock so
// that the others queue on it.
func w7(n int) map[string]any {
	var mu sync.Mutex
	var wg sync.WaitGroup
	const workers = 4
	x := 0
	t0 := time.Now()
	for w := 0; w < workers; w++ {
		wg.Go(func() {
			for i := 0; i < n/workers; i++ {
				mu.Lock()
				x++
				runtime.Gosched()
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return map[string]any{"ns_per_lock": perUnit(time.Since(t0), n/workers*workers, time.Nanosecond)}
}

// W8: WaitGroup.Go spawning n goroutines, then Wait.
func w8(n int) map[string]any {
	var wg sync.WaitGroup
	var x atomic.Int64
	t0 := time.Now()
	for i := 0; i < n; i++ {
		wg.Go(func() { x.Add(1) })
	}
	wg.Wait()
	return map[string]any{"us_per_goroutine": perUnit(time.Since(t0), n, time.Microsecond)}
}

// W9: a tree of contexts (fan-out 10, depth 4: 11,110 below the root) with a
// goroutine waiting on each leaf; cancel the root and time until every
// waiter has seen Done.
func w9(n int) map[string]any {
	const fanout = 10
	depth := 0
	for leaves := 1; leaves < n; leaves *= fanout {
		depth++
	}
	root, cancel := context.WithCancel(context.Background())
	t0 := time.Now()
	level := []context.Context{root}
	count := 0
	var cancels []context.CancelFunc
	for d := 0; d < depth; d++ {
		var next []context.Context
		for _, p := range level {
			for k := 0; k < fanout; k++ {
				c, cf := context.WithCancel(p)
				next = append(next, c)
				cancels = append(cancels, cf)
			}
		}
		count += len(next)
		level = next
	}
	built := time.Since(t0)
	var left atomic.Int64
	left.Store(int64(len(level)))
	done := make(chan struct{}, 1)
	var started sync.WaitGroup
	started.Add(len(level))
	for _, leaf := range level {
		go func() {
			started.Done()
			<-leaf.Done()
			if left.Add(-1) == 0 {
				done <- struct{}{}
			}
		}()
	}
	started.Wait()
	time.Sleep(20 * time.Millisecond)
	t1 := time.Now()
	cancel()
	<-done
	cancelled := time.Since(t1)
	for _, cf := range cancels {
		cf()
	}
	return map[string]any{
		"build_ns_per_ctx":  perUnit(built, count, time.Nanosecond),
		"cancel_ns_per_ctx": perUnit(cancelled, count, time.Nanosecond),
		"contexts":          count,
	}
}

var workloads = map[string]func(int) map[string]any{
	"W1": w1, "W2": w2, "W3": w3, "W3b": w3b, "W4": w4, "W5": w5,
	"W5a": w5a, "W5b": w5b, "W6": w6, "W7": w7, "W8": w8, "W9": w9,
}

func main() {
	w := flag.String("w", "W1", "workload")
	n := flag.Int("n", 1000, "size")
	flag.Parse()
	f, ok := workloads[*w]
	if !ok {
		fmt.Fprintf(os.Stderr, "unknown workload %q\n", *w)
		os.Exit(2)
	}
	out := f(*n)
	out["n"] = *n
	out["gomaxprocs"] = runtime.GOMAXPROCS(0)
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		os.Exit(1)
	}
}
