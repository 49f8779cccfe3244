// errgroup.Group (golang.org/x/sync/errgroup), wait order:
//  1. Three tasks that all fail run in the order 2 0 1, so "the first error"
//     that Wait returns is task 2's, the task started last.
//  2. With SetLimit(2), four tasks run t1 t2 t3 t0: t0, started first, runs
//     last.
//  3. With WithContext, three tasks wait on ctx.Done(); a fourth fails, and
//     its cancel closes the Done channel, which readies the waiters in the
//     order w0 w2 w1.
//
// Why (one P; RN = runnext, LQ = local run queue; errgroup.go: Go does
// `g.sem <- token{}` if there is a limit, wg.Add(1), `go`; each task ends
// with errOnce.Do(record the error, cancel) if it failed, then
// done(): `<-g.sem` if there is a limit, wg.Done()):
//  1. Each g.Go's `go` puts its goroutine in RN and kicks the previous one to
//     LQ: RN = task2, LQ = [task0 task1]. main blocks in Wait. task2 runs
//     first, so its errOnce.Do records its error; task0 and task1 find errOnce
//     done. task1's wg.Done readies main.
//  2. Go(t0) and Go(t1) put a token each in the buffer of 2: RN = t1,
//     LQ = [t0]. Go(t2) blocks main on the full buffer. t1 runs; its done()
//     receives a token, and as main waits to send, the receive moves main's
//     token into the buffer and readies main (RN). t1 exits; main (RN)
//     starts t2 (RN = t2) and blocks in Go(t3) the same way; t2 runs and its
//     done() readies main, which starts t3 (RN) and blocks in Wait. t3 runs,
//     then t0, still in LQ since step one: it runs last and its wg.Done
//     readies main.
//  3. w0, w1, w2 are started and handed over one at a time (each runs while
//     main blocks on <-started, readies main with its send, and blocks on
//     <-ctx.Done()): the Done channel's receive queue is [w0 w1 w2]. Go(e)
//     puts e in RN; main blocks in Wait; e fails, and errOnce.Do calls the
//     context's cancel, which closes Done. closechan pushes each receiver on
//     a list (a stack) and then pops them into goready: w2 -> RN; w1 -> RN,
//     w2 -> LQ; w0 -> RN, w1 -> LQ. So RN = w0, LQ = [w2 w1]. e exits; w0,
//     w2, w1 run and return ctx.Err() (errOnce is done: Wait keeps e's
//     error).
//
// Every task logs on the buffered channel ev; main prints everything at the
// end.
package main

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"

	"golang.org/x/sync/errgroup"
)

func main() {
	runtime.GOMAXPROCS(1)
	runtime.Gosched()

	ev := make(chan string, 32)
	var out strings.Builder
	flush := func() {
		for len(ev) > 0 {
			out.WriteString(<-ev + "\n")
		}
	}

	var g errgroup.Group
	for i := 0; i < 3; i++ {
		g.Go(func() error {
			ev <- fmt.Sprintf("task %d runs", i)
			return fmt.Errorf("task %d failed", i)
		})
	}
	err := g.Wait()
	flush()
	fmt.Fprintf(&out, "Wait: %v\n", err)

	var lg errgroup.Group
	lg.SetLimit(2)
	for i := 0; i < 4; i++ {
		lg.Go(func() error {
			ev <- fmt.Sprintf("t%d runs", i)
			return nil
		})
	}
	err = lg.Wait()
	flush()
	fmt.Fprintf(&out, "limited Wait: %v\n", err)

	cg, ctx := errgroup.WithContext(context.Background())
	started := make(chan bool)
	for i := 0; i < 3; i++ {
		cg.Go(func() error {
			started <- true
			<-ctx.Done()
			ev <- fmt.Sprintf("w%d sees ctx.Done", i)
			return ctx.Err()
		})
		<-started
	}
	cg.Go(func() error {
		ev <- "e fails"
		return errors.New("e failed")
	})
	err = cg.Wait()
	flush()
	fmt.Fprintf(&out, "Wait: %v\n", err)
	fmt.Print(out.String())
}
