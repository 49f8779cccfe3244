// The three rules of a closed channel: receive gives the zero value, send panics, close panics.
package main

import "fmt"

func try(what string, f func()) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println(what, "-> panic:", r)
		}
	}()
	f()
	fmt.Println(what, "-> ok")
}

func main() {
	ch := make(chan int, 1)
	ch <- 7
	close(ch)

	v, ok := <-ch
	fmt.Println("receive a buffered value after close:", v, ok)
	v, ok = <-ch
	fmt.Println("receive once drained:", v, ok)
	fmt.Println("and again:", <-ch)

	try("send on the closed channel", func() { ch <- 1 })
	try("close it a second time", func() { close(ch) })
}
