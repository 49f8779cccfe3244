// WithCancelCause and Cause; WithTimeoutCause sets the cause only when the deadline fires.
package main

import (
	"context"
	"errors"
	"fmt"
	"time"
)

func main() {
	bg := context.Background()
	fmt.Println("Cause(Background):", context.Cause(bg))

	ctx, cancel := context.WithCancelCause(bg)
	fmt.Println("before cancel:", ctx.Err(), context.Cause(ctx))
	cancel(errors.New("database is down"))
	fmt.Println("Err:", ctx.Err(), "| Cause:", context.Cause(ctx))
	cancel(errors.New("too late"))
	fmt.Println("the first cause stays:", context.Cause(ctx))

	nilCause, cancelNil := context.WithCancelCause(bg)
	cancelNil(nil)
	fmt.Println("cancel(nil):", nilCause.Err(), "| Cause:", context.Cause(nilCause))

	// Children inherit the parent's cause; a child cancelled first keeps its own.
	parent, cancelParent := context.WithCancelCause(bg)
	child, cancelChild := context.WithCancelCause(parent)
	first, cancelFirst := context.WithCancelCause(parent)
	cancelFirst(errors.New("child's own reason"))
	cancelParent(errors.New("shutting down"))
	defer cancelChild(nil)
	fmt.Println("child:", child.Err(), "| Cause:", context.Cause(child))
	fmt.Println("first:", first.Err(), "| Cause:", context.Cause(first))

	slow := errors.New("backend too slow")
	tctx, cancelT := context.WithTimeoutCause(bg, 10*time.Millisecond, slow)
	defer cancelT()
	<-tctx.Done()
	fmt.Println("timeout:", tctx.Err(), "| Cause:", context.Cause(tctx))

	ectx, cancelE := context.WithTimeoutCause(bg, time.Hour, slow)
	cancelE()
	fmt.Println("early cancel:", ectx.Err(), "| Cause:", context.Cause(ectx))

	dctx, cancelD := context.WithDeadlineCause(bg, time.Now().Add(10*time.Millisecond), slow)
	defer cancelD()
	<-dctx.Done()
	fmt.Println("deadline:", dctx.Err(), "| Cause:", context.Cause(dctx))
}
