// make(chan T, n) with a negative n panics at run time.
package main

import "fmt"

func main() {
	n := -1 // a constant -1 would not compile
	fmt.Println("making a channel of size", n)
	ch := make(chan int, n)
	fmt.Println("never", ch)
}
