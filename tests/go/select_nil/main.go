// A nil channel is never ready: a select case on it is never chosen.
package main

import (
	"fmt"
	"sort"
)

// merge copies a and b to out until both are closed, disabling each closed
// input by setting it to nil.
func merge(a, b <-chan int, out chan<- int) {
	defer close(out)
	for a != nil || b != nil {
		select {
		case v, ok := <-a:
			if !ok {
				a = nil
				continue
			}
			out <- v
		case v, ok := <-b:
			if !ok {
				b = nil
				continue
			}
			out <- v
		}
	}
}

func main() {
	var nilch chan int
	ready := make(chan int, 1)
	nilChosen, readyChosen := 0, 0
	for i := 0; i < 100; i++ {
		ready <- i
		select {
		case <-nilch:
			nilChosen++
		case nilch <- 1:
			nilChosen++
		case <-ready:
			readyChosen++
		}
	}
	fmt.Println("nil cases chosen:", nilChosen, "ready case chosen:", readyChosen)

	select {
	case <-nilch:
		fmt.Println("never")
	default:
		fmt.Println("only nil cases: default runs")
	}

	a, b, out := make(chan int), make(chan int), make(chan int)
	go func() {
		defer close(a)
		for i := 1; i <= 3; i++ {
			a <- i
		}
	}()
	go func() {
		defer close(b)
		for i := 10; i <= 50; i += 10 {
			b <- i
		}
	}()
	go merge(a, b, out)
	var all []int
	for v := range out {
		all = append(all, v)
	}
	sort.Ints(all)
	fmt.Println("merged:", all)
}
