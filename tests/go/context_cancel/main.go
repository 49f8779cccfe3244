// Cancellation flows from parent to descendants, never to the parent or siblings.
package main

import (
	"context"
	"fmt"
)

func main() {
	root := context.Background()
	parent, cancelParent := context.WithCancel(root)
	child1, cancelChild1 := context.WithCancel(parent)
	child2, cancelChild2 := context.WithCancel(parent)
	grandchild, cancelGrandchild := context.WithCancel(child2)
	defer cancelChild2()
	defer cancelGrandchild()

	cancelChild1()
	fmt.Println("after cancelling child1:")
	fmt.Println("  child1:", child1.Err())
	fmt.Println("  parent:", parent.Err())
	fmt.Println("  child2:", child2.Err())
	fmt.Println("  grandchild:", grandchild.Err())

	cancelParent()
	// A direct cancel marks every descendant done before it returns.
	fmt.Println("after cancelling parent:")
	fmt.Println("  parent:", parent.Err())
	fmt.Println("  child2:", child2.Err())
	fmt.Println("  grandchild:", grandchild.Err())
	fmt.Println("  root:", root.Err())

	late, cancelLate := context.WithCancel(parent)
	defer cancelLate()
	fmt.Println("derived from a cancelled parent:", late.Err())

	// Goroutines watching Done all wake up on cancel.
	ctx, cancel := context.WithCancel(root)
	stopped := make(chan int)
	for i := 0; i < 3; i++ {
		go func() {
			<-ctx.Done()
			stopped <- i
		}()
	}
	cancel()
	sum := 0
	for i := 0; i < 3; i++ {
		sum += <-stopped
	}
	fmt.Println("all three workers stopped; ids sum to", sum)
}
