package main

import (
	"context"
	"errors"
	"fmt"
	"time"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
	cancel()
	err := ctx.Err()
	fmt.Println(err, errors.Is(err, context.DeadlineExceeded))
}
