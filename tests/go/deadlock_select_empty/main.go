// select {} blocks forever; with every other goroutine blocked, that is a deadlock.
package main

import "fmt"

func main() {
	ch := make(chan int)
	var nilch chan int
	go func() { <-ch }()
	go func() { nilch <- 1 }()
	go func() {
		select {
		case <-nilch:
		case nilch <- 2:
		}
	}()
	fmt.Println("blocking forever")
	select {}
}
