// main waits on a channel that nobody will ever send on: a deadlock.
package main

import "fmt"

func main() {
	ch := make(chan int)
	fmt.Println("waiting for a value that never comes")
	fmt.Println(<-ch)
}
