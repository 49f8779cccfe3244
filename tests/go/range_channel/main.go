// for v := range ch receives until the channel is closed and drained.
package main

import "fmt"

func produce(n int, out chan<- int) {
	defer close(out)
	for i := 0; i < n; i++ {
		out <- i * i
	}
}

func main() {
	squares := make(chan int)
	go produce(5, squares)
	for v := range squares {
		fmt.Println(v)
	}
	fmt.Println("closed")

	// A pipeline of two stages.
	nums := make(chan int)
	doubled := make(chan int, 2)
	go produce(4, nums)
	go func() {
		defer close(doubled)
		for v := range nums {
			doubled <- 2 * v
		}
	}()
	sum := 0
	for v := range doubled {
		sum += v
	}
	fmt.Println("sum:", sum)

	empty := make(chan string)
	close(empty)
	for v := range empty {
		fmt.Println("never", v)
	}
	fmt.Println("range over a closed empty channel ends at once")
}
