// Timer Stop and Reset with Go 1.23+ semantics: no stale value after Stop or Reset.
package main

import (
	"fmt"
	"time"
)

func poll(t *time.Timer) string {
	select {
	case <-t.C:
		return "a value was waiting"
	default:
		return "no value waiting"
	}
}

func main() {
	t := time.NewTimer(50 * time.Millisecond)
	fmt.Println("timer channel len/cap:", len(t.C), cap(t.C))
	fmt.Println("stop an active timer:", t.Stop())
	fmt.Println("stop it again:", t.Stop())
	fmt.Println("after stop:", poll(t))

	t = time.NewTimer(10 * time.Millisecond)
	<-t.C
	fmt.Println("fired and received; stop:", t.Stop())

	// Expired but not received: Stop returns true and discards the value.
	t = time.NewTimer(10 * time.Millisecond)
	time.Sleep(30 * time.Millisecond)
	fmt.Println("expired, not received; len:", len(t.C))
	fmt.Println("stop:", t.Stop())
	fmt.Println("after stop:", poll(t))

	// Reset of an expired, unreceived timer returns true; the old value is gone.
	t = time.NewTimer(10 * time.Millisecond)
	time.Sleep(30 * time.Millisecond)
	fmt.Println("reset expired timer:", t.Reset(20*time.Millisecond))
	fmt.Println("right after reset:", poll(t))
	<-t.C
	fmt.Println("fired again after reset")

	fmt.Println("reset a received timer:", t.Reset(10*time.Millisecond))
	fmt.Println("reset an active timer:", t.Reset(10*time.Millisecond))
	<-t.C
	fmt.Println("fired once")
	time.Sleep(30 * time.Millisecond)
	fmt.Println("one reset, one value:", poll(t))

	t.Stop()
	fmt.Println("reset a stopped timer:", t.Reset(10*time.Millisecond))
	<-t.C
	fmt.Println("a stopped timer fires after reset")

	// A timer with a zero or negative duration is ready at once.
	<-time.NewTimer(0).C
	<-time.NewTimer(-time.Second).C
	fmt.Println("zero and negative timers fire at once")
}
