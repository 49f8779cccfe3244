package main

import "fmt"

func main() {
	a, b := make(chan int, 1), make(chan int, 1)
	fromA, fromB := 0, 0
	for range 1000 {
		a <- 1
		b <- 1
		select {
		case <-a:
			fromA++
			<-b
		case <-b:
			fromB++
			<-a
		}
	}
	fmt.Println(fromA > 100, fromB > 100, fromA+fromB)
}
