// A panic in any goroutine crashes the whole program, even while main is blocked.
package main

import "fmt"

func worker(jobs <-chan int, results chan<- int) {
	for j := range jobs {
		if j == 3 {
			panic(fmt.Sprintf("worker cannot handle job %d", j))
		}
		results <- j * 10
	}
}

func main() {
	jobs := make(chan int)
	results := make(chan int)
	go worker(jobs, results)
	for j := 1; j <= 3; j++ {
		jobs <- j
		if j < 3 {
			fmt.Println("result", <-results)
		}
	}
	<-results // main blocks here while the worker crashes
	fmt.Println("never")
}
