// recover works only in the goroutine that panics: main's deferred recover
// cannot stop a panic in another goroutine, and the whole program crashes.
package main

import "fmt"

func work(job int) int {
	if job == 2 {
		panic(fmt.Sprintf("cannot handle job %d", job))
	}
	return job * 10
}

func main() {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("main recovered:", r) // never runs: the panic is not main's
		}
	}()
	results := make(chan int)
	for job := 1; job <= 3; job++ {
		go func() { results <- work(job) }()
	}
	sum := 0
	for range 3 {
		sum += <-results
	}
	fmt.Println("sum:", sum) // never runs either
}
