// Direction-typed channels: the compiler rejects the wrong operation.
package main

func producer(out chan<- int) {
	out <- 1
	<-out // receive from a send-only channel
}

func consumer(in <-chan int) {
	<-in
	in <- 2   // send to a receive-only channel
	close(in) // close a receive-only channel
}

func main() {
	ch := make(chan int, 1)
	producer(ch)
	consumer(ch)
}
