// select is to channels what switch is to values.
package main

import (
	"fmt"
	"time"
)

// switch picks the first case whose condition holds for a value.
func classify(n int) string {
	switch {
	case n < 0:
		return "negative"
	case n == 0:
		return "zero"
	default:
		return "positive"
	}
}

func main() {
	for _, n := range []int{-3, 0, 7} {
		fmt.Println(n, "is", classify(n))
	}

	// select picks a case whose channel operation can proceed, waiting until one can.
	numbers := make(chan int)
	words := make(chan string)
	go func() {
		time.Sleep(20 * time.Millisecond)
		numbers <- 42
	}()
	go func() {
		time.Sleep(10 * time.Millisecond)
		words <- "hello"
	}()
	for i := 0; i < 2; i++ {
		select {
		case n := <-numbers:
			fmt.Println("number", n)
		case w := <-words:
			fmt.Println("word", w)
		}
	}
}
