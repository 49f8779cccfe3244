// Lock ordering: two transfers that lock the same two accounts in opposite
// orders deadlock (AB/BA); taking the locks in one global order cannot.
package main

import (
	"fmt"
	"runtime"
	"sync"
	"time"
)

type account struct {
	id      int
	mu      sync.Mutex
	balance int
}

// transfer locks from, then to: which lock comes first depends on the call.
func transfer(from, to *account, amount int) {
	from.mu.Lock()
	defer from.mu.Unlock()
	time.Sleep(100 * time.Millisecond) // some work while holding the first lock
	to.mu.Lock()
	defer to.mu.Unlock()
	from.balance -= amount
	to.balance += amount
}

// transferOrdered locks the account with the lower id first, whatever the call.
func transferOrdered(from, to *account, amount int) {
	first, second := from, to
	if second.id < first.id {
		first, second = second, first
	}
	first.mu.Lock()
	defer first.mu.Unlock()
	time.Sleep(100 * time.Millisecond)
	second.mu.Lock()
	defer second.mu.Unlock()
	from.balance -= amount
	to.balance += amount
}

// both runs a transfer from a to b and one from b to a at the same time.
func both(name string, move func(from, to *account, amount int)) {
	a := &account{id: 1, balance: 100}
	b := &account{id: 2, balance: 100}
	done := make(chan bool)
	go func() { move(a, b, 10); done <- true }()
	go func() { move(b, a, 20); done <- true }()
	timeout := time.After(time.Second)
	for range 2 {
		select {
		case <-done:
		case <-timeout:
			fmt.Println(name + ": still waiting after 1s (each holds the lock the other needs)")
			return
		}
	}
	fmt.Println(name+": done, balances", a.balance, b.balance)
}

func main() {
	both("from, then to", transfer)
	both("lower id first", transferOrdered)
	time.Sleep(100 * time.Millisecond) // let the finished goroutines exit
	fmt.Println("goroutines:", runtime.NumGoroutine())
}
