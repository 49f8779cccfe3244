// A bounded parallel downloader with a deadline: at most limit downloads at once, and
// when the budget runs out, the downloads that finished, and the error of every other URL.
package main

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

const u = 10 * time.Millisecond

// sizes says how long each fake download takes; a URL that is not there is a 404.
var sizes = map[string]time.Duration{
	"index.html": 10 * u, "logo.png": 30 * u, "video.mp4": 80 * u, "style.css": 20 * u,
}

var errNotFound = errors.New("404 not found")

func download(ctx context.Context, url string) (string, error) {
	d, ok := sizes[url]
	if !ok {
		d = 5 * u
	}
	select {
	case <-time.After(d):
	case <-ctx.Done():
		return "", ctx.Err()
	}
	if !ok {
		return "", errNotFound
	}
	return fmt.Sprintf("<%d bytes>", d/u*100), nil
}

// DownloadAll downloads every URL, at most limit at once, within budget. It returns the
// bodies that arrived in time, by URL, and the error of every URL that has no body.
func DownloadAll(ctx context.Context, urls []string, limit int, budget time.Duration) (map[string]string, map[string]error) {
	ctx, cancel := context.WithTimeout(ctx, budget)
	defer cancel()

	var mu sync.Mutex
	got := map[string]string{}
	failed := map[string]error{}
	var g errgroup.Group // not WithContext: one failed download does not stop the others
	g.SetLimit(limit)
	for _, url := range urls {
		g.Go(func() error {
			body, err := download(ctx, url)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				failed[url] = err
			} else {
				got[url] = body
			}
			return nil
		})
	}
	g.Wait()
	return got, failed
}

func main() {
	urls := []string{"index.html", "logo.png", "video.mp4", "missing.txt", "style.css"}
	for _, budget := range []time.Duration{70 * u, 2 * time.Second} {
		start := time.Now()
		got, failed := DownloadAll(context.Background(), urls, 2, budget)
		fmt.Println("budget", budget, "took", time.Since(start).Round(100*time.Millisecond))
		for _, url := range slices.Sorted(maps.Keys(got)) {
			fmt.Println("  got", url, got[url])
		}
		for _, url := range slices.Sorted(maps.Keys(failed)) {
			fmt.Println("  failed", url+":", failed[url])
		}
	}
}
