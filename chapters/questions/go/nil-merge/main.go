package main

import "fmt"

func main() {
	a, b := make(chan int, 2), make(chan int, 2)
	a <- 1
	a <- 2
	close(a)
	b <- 10
	b <- 20
	close(b)

	sum, n := 0, 0
	for a != nil || b != nil {
		select {
		case v, ok := <-a:
			if !ok {
				a = nil
				continue
			}
			sum, n = sum+v, n+1
		case v, ok := <-b:
			if !ok {
				b = nil
				continue
			}
			sum, n = sum+v, n+1
		}
	}
	fmt.Println(n, "values, sum", sum)
}
