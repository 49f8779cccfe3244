package main

import "fmt"

var ch chan int

func main() {
	go func() { ch <- 1 }()
	fmt.Println(<-ch)
}
