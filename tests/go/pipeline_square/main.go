// A pipeline: stages connected by channels, each closing its outbound
// channel when its sends are done; fan-out to two sq, fan-in with merge.
package main

import (
	"fmt"
	"slices"
	"sync"
)

// gen sends nums on a new channel, then closes it.
func gen(nums ...int) <-chan int {
	out := make(chan int)
	go func() {
		for _, n := range nums {
			out <- n
		}
		close(out)
	}()
	return out
}

// sq sends the square of every value it receives, then closes its output.
func sq(in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		for n := range in {
			out <- n * n
		}
		close(out)
	}()
	return out
}

// merge copies every input onto one channel, closed once all inputs are.
func merge(cs ...<-chan int) <-chan int {
	var wg sync.WaitGroup
	out := make(chan int)
	output := func(c <-chan int) {
		for n := range c {
			out <- n
		}
		wg.Done()
	}
	wg.Add(len(cs))
	for _, c := range cs {
		go output(c)
	}
	go func() { // close out once every output has returned
		wg.Wait()
		close(out)
	}()
	return out
}

func main() {
	// Stages compose: sq's input and output have the same type.
	for n := range sq(sq(gen(2, 3))) {
		fmt.Println(n)
	}

	// Fan-out: two sq read from the same channel. Fan-in: merge.
	in := gen(1, 2, 3, 4, 5)
	c1 := sq(in)
	c2 := sq(in)
	var got []int
	for n := range merge(c1, c2) {
		got = append(got, n)
	}
	slices.Sort(got) // merge's order depends on the scheduler
	fmt.Println("fan-in:", got)
}
