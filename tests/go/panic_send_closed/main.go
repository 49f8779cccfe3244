// A send on a closed channel panics.
package main

import "fmt"

func main() {
	ch := make(chan int, 1)
	close(ch)
	fmt.Println("sending on a closed channel")
	ch <- 1
	fmt.Println("never")
}
