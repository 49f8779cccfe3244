// WithTimeout and WithDeadline: DeadlineExceeded when the time comes, Canceled on an early cancel.
package main

import (
	"context"
	"errors"
	"fmt"
	"time"
)

func main() {
	bg := context.Background()

	ctx, cancel := context.WithTimeout(bg, 20*time.Millisecond)
	defer cancel()
	_, ok := ctx.Deadline()
	fmt.Println("has deadline:", ok)
	fmt.Println("Err before the deadline:", ctx.Err())
	<-ctx.Done()
	fmt.Println("Err after the deadline:", ctx.Err())
	fmt.Println("is DeadlineExceeded:", errors.Is(ctx.Err(), context.DeadlineExceeded))
	cancel() // still call cancel: it releases the timer
	fmt.Println("Err after cancel:", ctx.Err())

	early, cancelEarly := context.WithTimeout(bg, time.Hour)
	cancelEarly()
	fmt.Println("cancelled before the deadline:", early.Err())

	// A child's deadline is the earlier of its own and its parent's.
	parent, cancelParent := context.WithTimeout(bg, 30*time.Millisecond)
	defer cancelParent()
	later, cancelLater := context.WithTimeout(parent, time.Hour)
	defer cancelLater()
	pd, _ := parent.Deadline()
	ld, _ := later.Deadline()
	fmt.Println("a later child deadline equals the parent's:", ld.Equal(pd))
	sooner, cancelSooner := context.WithTimeout(parent, 10*time.Millisecond)
	defer cancelSooner()
	sd, _ := sooner.Deadline()
	fmt.Println("a sooner child deadline is its own:", sd.Before(pd))
	wc, cancelWC := context.WithCancel(parent)
	defer cancelWC()
	wd, ok := wc.Deadline()
	fmt.Println("WithCancel reports the parent's deadline:", ok, wd.Equal(pd))

	<-sooner.Done()
	fmt.Println("sooner:", sooner.Err(), "| parent:", parent.Err())
	<-later.Done() // wait on the child's own Done, not the parent's
	fmt.Println("later:", later.Err(), "| parent:", parent.Err())

	// A child with its own later deadline, cancelled by its parent's cancel, says Canceled.
	p2, cancelP2 := context.WithCancel(bg)
	c2, cancelC2 := context.WithTimeout(p2, time.Hour)
	defer cancelC2()
	cancelP2()
	fmt.Println("child of a cancelled parent:", c2.Err())

	// A deadline in the past: done at once.
	past, cancelPast := context.WithDeadline(bg, time.Now().Add(-time.Second))
	defer cancelPast()
	select {
	case <-past.Done():
		fmt.Println("past deadline:", past.Err())
	default:
		fmt.Println("never")
	}

	at, cancelAt := context.WithDeadline(bg, time.Now().Add(10*time.Millisecond))
	defer cancelAt()
	<-at.Done()
	fmt.Println("WithDeadline:", at.Err())
}
