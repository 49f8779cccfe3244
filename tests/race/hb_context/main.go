// Happens-before: a context's cancel before its Done channel's close is seen.
package main

import (
	"context"
	"fmt"
	"runtime"
)

func main() {
	runtime.GOMAXPROCS(1)
	ctx, cancel := context.WithCancel(context.Background())
	reason := ""
	go func() {
		reason = "shutdown"
		cancel()
	}()
	<-ctx.Done()
	fmt.Println(reason, ctx.Err())
}
