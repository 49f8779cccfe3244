package main

import "fmt"

func main() {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("recovered:", r)
		}
	}()
	done := make(chan bool)
	go func() {
		panic("boom")
	}()
	<-done
}
