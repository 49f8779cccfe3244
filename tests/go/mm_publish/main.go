// Publication: a value is made in full first, and only then handed over with
// an edge (a send, an atomic store), so whoever receives it sees all of it.
package main

import (
	"fmt"
	"sync/atomic"
)

type Config struct {
	Name   string
	Limits []int
}

func load(name string) *Config {
	c := &Config{Name: name}
	c.Limits = append(c.Limits, 10, 100)
	return c
}

var current atomic.Pointer[Config]

func main() {
	// Made in full, then sent: the send is synchronized before the receive completes.
	configs := make(chan *Config)
	go func() { configs <- load("sent") }()
	c := <-configs
	fmt.Println(c.Name, c.Limits)

	// Made in full, then stored: a Load that observes the Store is synchronized after it.
	go func() { current.Store(load("stored")) }()
	for current.Load() == nil {
	}
	c = current.Load()
	fmt.Println(c.Name, c.Limits)
}
