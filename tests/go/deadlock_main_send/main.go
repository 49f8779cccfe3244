// main sends on an unbuffered channel that nobody receives from: a deadlock.
package main

import "fmt"

func main() {
	ch := make(chan int)
	fmt.Println("sending with no receiver")
	ch <- 42
	fmt.Println("never")
}
