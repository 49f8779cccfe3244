// Closing a closed channel panics.
package main

import "fmt"

func main() {
	ch := make(chan int)
	close(ch)
	fmt.Println("closing it again")
	close(ch)
	fmt.Println("never")
}
