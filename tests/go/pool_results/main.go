// A worker pool with results (chapter 18): three workers square six numbers.
// Each result carries its job's index, so the output is in job order whatever
// order the workers finish in.
package main

import (
	"fmt"
	"sync"
)

type result struct {
	i, square int
}

func main() {
	nums := []int{1, 2, 3, 4, 5, 6}
	jobs := make(chan int)
	results := make(chan result)
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() {
			for i := range jobs {
				results <- result{i, nums[i] * nums[i]}
			}
		})
	}
	go func() {
		for i := range nums {
			jobs <- i
		}
		close(jobs) // no more jobs: every worker's range loop ends
	}()
	go func() {
		wg.Wait()
		close(results) // every worker is done: main's range loop ends
	}()
	squares := make([]int, len(nums))
	for r := range results {
		squares[r.i] = r.square
	}
	fmt.Println(squares)
}
