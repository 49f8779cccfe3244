// The Tour of Go's web crawler, concurrent: each page fetched once, to a depth, at most one
// fetch started per tick, and the first error cancelling the rest (errgroup).
package main

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"
)

var errNotFound = errors.New("not found")

type fakeResult struct {
	body string
	urls []string
}

// fakeFetcher is the Tour's, with a context, 20ms per fetch, and one page that can fail.
type fakeFetcher struct {
	pages   map[string]*fakeResult
	broken  string // fetching this URL fails with a server error
	fetches *atomic.Int32
}

func (f fakeFetcher) Fetch(ctx context.Context, url string) (string, []string, error) {
	f.fetches.Add(1)
	select {
	case <-time.After(20 * time.Millisecond):
	case <-ctx.Done():
		return "", nil, ctx.Err()
	}
	if url == f.broken {
		return "", nil, fmt.Errorf("fetch %s: 500 internal server error", url)
	}
	if res, ok := f.pages[url]; ok {
		return res.body, res.urls, nil
	}
	return "", nil, fmt.Errorf("fetch %s: %w", url, errNotFound)
}

// Crawl fetches url and the pages it links to, down to depth, each page once, starting
// at most one fetch per tick of every. It returns the bodies found, by URL; a page that
// is not found is left out, and any other error stops the crawl.
func Crawl(ctx context.Context, url string, depth int, f fakeFetcher, every time.Duration) (map[string]string, error) {
	g, ctx := errgroup.WithContext(ctx)
	limiter := time.NewTicker(every)
	defer limiter.Stop()

	var mu sync.Mutex
	seen := map[string]bool{}
	found := map[string]string{}

	var visit func(url string, depth int)
	visit = func(url string, depth int) {
		mu.Lock()
		defer mu.Unlock()
		if depth <= 0 || seen[url] {
			return
		}
		seen[url] = true
		g.Go(func() error {
			select {
			case <-limiter.C:
			case <-ctx.Done():
				return ctx.Err()
			}
			body, urls, err := f.Fetch(ctx, url)
			if errors.Is(err, errNotFound) {
				return nil
			}
			if err != nil {
				return err
			}
			mu.Lock()
			found[url] = body
			mu.Unlock()
			for _, u := range urls {
				visit(u, depth-1)
			}
			return nil
		})
	}
	visit(url, depth)
	err := g.Wait()
	mu.Lock()
	defer mu.Unlock()
	return found, err
}

func main() {
	ctx := context.Background()
	f := fakeFetcher{pages: tour, fetches: new(atomic.Int32)}
	for _, depth := range []int{4, 2} {
		f.fetches.Store(0)
		found, err := Crawl(ctx, "https://golang.org/", depth, f, 10*time.Millisecond)
		fmt.Printf("depth %d: %d pages, %d fetches, err %v\n", depth, len(found), f.fetches.Load(), err)
		for _, u := range slices.Sorted(maps.Keys(found)) {
			fmt.Printf("  %s %q\n", u, found[u])
		}
	}

	broken := fakeFetcher{pages: tour, broken: "https://golang.org/pkg/", fetches: new(atomic.Int32)}
	_, err := Crawl(ctx, "https://golang.org/", 4, broken, 10*time.Millisecond)
	fmt.Println("broken pkg/:", err)

	short, cancel := context.WithTimeout(ctx, 5*time.Millisecond)
	defer cancel()
	found, err := Crawl(short, "https://golang.org/", 4, f, 10*time.Millisecond)
	fmt.Printf("5ms budget: %d pages, err %v\n", len(found), err)
}

// tour is the Tour of Go's fake web (https://go.dev/tour/concurrency/10).
var tour = map[string]*fakeResult{
	"https://golang.org/": {
		"The Go Programming Language",
		[]string{"https://golang.org/pkg/", "https://golang.org/cmd/"},
	},
	"https://golang.org/pkg/": {
		"Packages",
		[]string{"https://golang.org/", "https://golang.org/cmd/", "https://golang.org/pkg/fmt/", "https://golang.org/pkg/os/"},
	},
	"https://golang.org/pkg/fmt/": {
		"Package fmt",
		[]string{"https://golang.org/", "https://golang.org/pkg/"},
	},
	"https://golang.org/pkg/os/": {
		"Package os",
		[]string{"https://golang.org/", "https://golang.org/pkg/"},
	},
}
