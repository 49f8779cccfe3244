// sync/atomic: typed atomics and atomic.Value.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

func main() {
	var n atomic.Int64
	var wg sync.WaitGroup
	for i := 0; i < 100; i++ {
		wg.Go(func() {
			for j := 0; j < 10; j++ {
				n.Add(1)
			}
		})
	}
	wg.Wait()
	fmt.Println("count:", n.Load())

	fmt.Println("Add returns the new value:", n.Add(5))
	fmt.Println("Swap returns the old value:", n.Swap(7))
	fmt.Println("CompareAndSwap(7, 8):", n.CompareAndSwap(7, 8))
	fmt.Println("CompareAndSwap(7, 9):", n.CompareAndSwap(7, 9))
	n.Store(-3)
	fmt.Println("after Store(-3):", n.Load())

	var i32 atomic.Int32
	fmt.Println("Int32 Add(-2):", i32.Add(-2))
	var u atomic.Uint64
	fmt.Println("Uint64 Add(3):", u.Add(3))

	var b atomic.Bool
	fmt.Println("Bool zero:", b.Load())
	fmt.Println("Bool Swap(true):", b.Swap(true))
	fmt.Println("Bool CompareAndSwap(true, false):", b.CompareAndSwap(true, false), b.Load())

	var v atomic.Value
	fmt.Println("Value before Store:", v.Load())
	v.Store("config v1")
	fmt.Println("Value:", v.Load())
	fmt.Println("Value Swap:", v.Swap("config v2"), "->", v.Load())
	fmt.Println("Value CompareAndSwap:", v.CompareAndSwap("config v2", "config v3"), v.Load())

	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		v.Store(nil)
	}()
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		v.Store(42)
	}()
}
