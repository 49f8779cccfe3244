// Rob Pike's Google Search 1.0 -> 2.0 -> 2.1 -> 3.0 ("Go Concurrency Patterns", 2012),
// with fake searches that take fixed times instead of random ones.
package main

import (
	"fmt"
	"runtime"
	"time"
)

type Result string
type Search func(query string) Result

func fakeSearch(kind string, d time.Duration) Search {
	return func(query string) Result {
		time.Sleep(d)
		return Result(fmt.Sprintf("%s result for %q", kind, query))
	}
}

const u = 10 * time.Millisecond

var (
	Web   = fakeSearch("web", 30*u)
	Image = fakeSearch("image", 10*u)
	Video = fakeSearch("video", 50*u)
)

// Google 1.0: one search after another.
func Google10(query string) (results []Result) {
	results = append(results, Web(query))
	results = append(results, Image(query))
	results = append(results, Video(query))
	return
}

// Google 2.0: the three at once, fan-in, wait for all.
func Google20(query string) (results []Result) {
	c := make(chan Result)
	go func() { c <- Web(query) }()
	go func() { c <- Image(query) }()
	go func() { c <- Video(query) }()
	for range 3 {
		results = append(results, <-c)
	}
	return
}

// Google 2.1: don't wait for slow servers. One timer for the whole loop. (Pike's c is
// unbuffered: a result that comes after the timeout blocks its goroutine for ever.)
func Google21(query string, timeout time.Duration) (results []Result) {
	c := make(chan Result, 3)
	go func() { c <- Web(query) }()
	go func() { c <- Image(query) }()
	go func() { c <- Video(query) }()
	deadline := time.After(timeout)
	for range 3 {
		select {
		case r := <-c:
			results = append(results, r)
		case <-deadline:
			fmt.Println("  timed out")
			return
		}
	}
	return
}

// First sends the query to every replica and returns the first answer. The channel has
// room for every answer, so the slower replicas do not leak.
func First(query string, replicas ...Search) Result {
	c := make(chan Result, len(replicas))
	for _, r := range replicas {
		go func() { c <- r(query) }()
	}
	return <-c
}

var (
	Web1, Web2     = fakeSearch("web1", 30*u), fakeSearch("web2", 15*u)
	Image1, Image2 = fakeSearch("image1", 10*u), fakeSearch("image2", 25*u)
	Video1, Video2 = fakeSearch("video1", 50*u), fakeSearch("video2", 20*u)
)

// Google 3.0: replicated servers, the first reply of each wins; and the timeout.
func Google30(query string, timeout time.Duration) (results []Result) {
	c := make(chan Result, 3)
	go func() { c <- First(query, Web1, Web2) }()
	go func() { c <- First(query, Image1, Image2) }()
	go func() { c <- First(query, Video1, Video2) }()
	deadline := time.After(timeout)
	for range 3 {
		select {
		case r := <-c:
			results = append(results, r)
		case <-deadline:
			fmt.Println("  timed out")
			return
		}
	}
	return
}

func show(version string, start time.Time, results []Result) {
	for _, r := range results {
		fmt.Println("  " + r)
	}
	fmt.Println(version, "took", time.Since(start).Round(100*time.Millisecond))
}

func main() {
	start := time.Now()
	show("Google 1.0", start, Google10("golang"))
	start = time.Now()
	show("Google 2.0", start, Google20("golang"))
	start = time.Now()
	show("Google 2.1", start, Google21("golang", 40*u))
	start = time.Now()
	show("Google 3.0", start, Google30("golang", 40*u))

	time.Sleep(60 * u) // every search has finished by now
	fmt.Println("goroutines left:", runtime.NumGoroutine())
}
