// select with time.After: whichever is ready first wins.
package main

import (
	"errors"
	"fmt"
	"time"
)

// await is the lesson's select, without the context case.
func await(results <-chan string) error {
	select {
	case msg := <-results:
		fmt.Println("handle", msg)
		return nil
	case <-time.After(50 * time.Millisecond):
		return errors.New("timeout")
	}
}

func reply(after time.Duration, msg string) <-chan string {
	results := make(chan string, 1)
	go func() {
		time.Sleep(after)
		results <- msg
	}()
	return results
}

func main() {
	fmt.Println(await(reply(10*time.Millisecond, "fast")))
	fmt.Println(await(reply(200*time.Millisecond, "slow")))

	// time.After in a loop makes a new timer each time the select is entered:
	// it times out 100ms after the last value, not 100ms after the start.
	values := make(chan int)
	go func() {
		for i := 0; i < 5; i++ {
			time.Sleep(30 * time.Millisecond)
			values <- i
		}
	}()
loop:
	for {
		select {
		case v := <-values:
			fmt.Println("got", v)
		case <-time.After(100 * time.Millisecond):
			fmt.Println("timeout after the last value")
			break loop // a plain break would leave only the select
		}
	}

	// A zero or negative duration is ready at once.
	<-time.After(0)
	<-time.After(-time.Second)
	time.Sleep(-1)
	fmt.Println("zero and negative waits return at once")
}
