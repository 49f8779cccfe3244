// go vet's lostcancel check: the cancel function of WithTimeout is discarded.
package main

import (
	"context"
	"fmt"
	"time"
)

func lookup(parent context.Context) error {
	ctx, _ := context.WithTimeout(parent, time.Second) // cancel discarded
	return ctx.Err()
}

func main() {
	fmt.Println(lookup(context.Background()))
}
