package main

import (
	"fmt"
	"runtime"
	"time"
)

func first(query string, replicas ...func(string) string) string {
	c := make(chan string)
	for _, r := range replicas {
		go func() { c <- r(query) }()
	}
	return <-c
}

func main() {
	echo := func(q string) string { return "result for " + q }
	fmt.Println(first("golang", echo, echo, echo))
	time.Sleep(100 * time.Millisecond)
	fmt.Println(runtime.NumGoroutine())
}
