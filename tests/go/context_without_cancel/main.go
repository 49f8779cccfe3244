// WithoutCancel keeps the values but none of the cancellation.
package main

import (
	"context"
	"fmt"
	"time"
)

type key string

func main() {
	parent, cancel := context.WithTimeout(context.WithValue(context.Background(), key("k"), "v"), time.Hour)
	detached := context.WithoutCancel(parent)
	cancel()
	fmt.Println("parent:", parent.Err())
	_, ok := detached.Deadline()
	fmt.Println("detached: Err", detached.Err(), "| Cause", context.Cause(detached),
		"| Done is nil", detached.Done() == nil, "| deadline", ok, "| value", detached.Value(key("k")))

	// A context derived from a detached one can be cancelled on its own.
	child, cancelChild := context.WithCancel(detached)
	fmt.Println("child of detached:", child.Err())
	cancelChild()
	fmt.Println("after its own cancel:", child.Err())
}
