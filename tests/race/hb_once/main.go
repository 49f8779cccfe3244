// Happens-before: the end of once.Do's f before every Do returns.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

func main() {
	runtime.GOMAXPROCS(1)
	var once sync.Once
	var wg sync.WaitGroup
	var config map[string]int
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			once.Do(func() {
				config = map[string]int{"port": 8080}
			})
			_ = config["port"]
		}()
	}
	wg.Wait()
	fmt.Println(config["port"])
}
