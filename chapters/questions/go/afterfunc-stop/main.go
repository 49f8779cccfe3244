package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.AfterFunc(time.Hour, func() { fmt.Println("f ran") })
	fmt.Println(t.C == nil, t.Stop(), t.Stop(), t.Reset(time.Hour))
}
