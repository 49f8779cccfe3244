// Go's "Typical Data Races": an accidentally shared variable (err).
package main

import (
	"errors"
	"fmt"
	"runtime"
)

func work(n int) (int, error) {
	if n < 0 {
		return 0, errors.New("negative")
	}
	return n * 2, nil
}

func main() {
	runtime.GOMAXPROCS(1)
	res := make(chan error, 2)
	v, err := work(1)
	go func() {
		_, err = work(2) // writes main's err
		res <- err
	}()
	v, err = work(3) // the second, conflicting write to err
	go func() {
		_, err = work(4)
		res <- err
	}()
	fmt.Println(v, <-res, <-res)
}
