// time.Duration's String method.
package main

import (
	"fmt"
	"time"
)

func main() {
	ds := []time.Duration{
		0,
		1,
		time.Nanosecond,
		999,
		1500 * time.Nanosecond,
		time.Microsecond,
		time.Millisecond,
		100 * time.Millisecond,
		1500 * time.Millisecond,
		time.Second,
		59 * time.Second,
		2 * time.Minute,
		90 * time.Minute,
		time.Hour + 2*time.Minute + 3500*time.Millisecond,
		-time.Second,
		-1500 * time.Microsecond,
		-1,
		25 * time.Hour,
		1234567890,
		time.Duration(1<<63 - 1),
		time.Duration(-1 << 63),
	}
	for _, d := range ds {
		fmt.Println(int64(d), d)
	}
	fmt.Println(2 * time.Second)
	fmt.Println(time.Second / 3)
}
