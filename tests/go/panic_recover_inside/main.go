// The fix: each goroutine recovers its own panic, in a deferred function,
// and hands it to main as an error.
package main

import "fmt"

func work(job int) int {
	if job == 2 {
		panic(fmt.Sprintf("cannot handle job %d", job))
	}
	return job * 10
}

type result struct {
	job, value int
	err        error
}

// safeWork is work, with a panic turned into an error.
func safeWork(job int) (r result) {
	defer func() {
		if p := recover(); p != nil { // recover stops the panic: it runs in this goroutine
			r = result{job: job, err: fmt.Errorf("job %d panicked: %v", job, p)}
		}
	}()
	return result{job: job, value: work(job)}
}

func main() {
	results := make(chan result)
	for job := 1; job <= 3; job++ {
		go func() { results <- safeWork(job) }()
	}
	byJob := make([]result, 4)
	for range 3 {
		r := <-results
		byJob[r.job] = r
	}
	for _, r := range byJob[1:] {
		if r.err != nil {
			fmt.Println("error:", r.err)
		} else {
			fmt.Println("result", r.value)
		}
	}
}
