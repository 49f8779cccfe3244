// Receiving from a closed channel: buffered values first, then zero values with ok=false.
package main

import "fmt"

func main() {
	ch := make(chan int, 3)
	ch <- 1
	ch <- 2
	close(ch)
	fmt.Println("len after close:", len(ch))
	for i := 0; i < 4; i++ {
		v, ok := <-ch
		fmt.Println(v, ok)
	}
	fmt.Println("plain receive:", <-ch)

	s := make(chan string)
	close(s)
	v, ok := <-s
	fmt.Printf("%q %v\n", v, ok)

	// close wakes every blocked receiver.
	gate := make(chan int)
	results := make(chan string)
	for i := 0; i < 3; i++ {
		go func() {
			v, ok := <-gate
			results <- fmt.Sprint(v, " ", ok)
		}()
	}
	close(gate)
	for i := 0; i < 3; i++ {
		fmt.Println("woken receiver got", <-results)
	}
}
