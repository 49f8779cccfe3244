// A send case on a closed channel can proceed, so the select panics even with a default.
package main

import "fmt"

func trySend(ch chan int, v int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("recovered:", r)
		}
	}()
	select {
	case ch <- v:
		fmt.Println("sent")
	default:
		fmt.Println("default")
	}
}

func main() {
	ch := make(chan int, 1)
	trySend(ch, 1)
	trySend(ch, 2)
	close(ch)
	trySend(ch, 3)
	fmt.Println("now without recover")
	select {
	case ch <- 4:
		fmt.Println("never")
	default:
		fmt.Println("never either")
	}
}
