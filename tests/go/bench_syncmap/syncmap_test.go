// Package benchsyncmap measures sync.Map against a map with a Mutex and a map
// with an RWMutex, in the two cases sync.Map's documentation names and in one
// it does not. Not a parity program (its numbers depend on the machine); run:
//
//	go test -run '^$' -bench . -cpu 1,2 ./bench_syncmap
package benchsyncmap

import (
	"strconv"
	"sync"
	"testing"
)

const keys = 1024

var names = func() []string {
	s := make([]string, keys)
	for i := range s {
		s[i] = strconv.Itoa(i)
	}
	return s
}()

type store interface {
	load(k string) (int, bool)
	store(k string, v int)
}

type mutexMap struct {
	mu sync.Mutex
	m  map[string]int
}

func (s *mutexMap) load(k string) (int, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.m[k]
	return v, ok
}

func (s *mutexMap) store(k string, v int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[k] = v
}

type rwMap struct {
	mu sync.RWMutex
	m  map[string]int
}

func (s *rwMap) load(k string) (int, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	v, ok := s.m[k]
	return v, ok
}

func (s *rwMap) store(k string, v int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[k] = v
}

type syncMap struct{ m sync.Map }

func (s *syncMap) load(k string) (int, bool) {
	v, ok := s.m.Load(k)
	if !ok {
		return 0, false
	}
	return v.(int), true
}

func (s *syncMap) store(k string, v int) { s.m.Store(k, v) }

func stores() map[string]func() store {
	return map[string]func() store{
		"Mutex":    func() store { return &mutexMap{m: map[string]int{}} },
		"RWMutex":  func() store { return &rwMap{m: map[string]int{}} },
		"sync.Map": func() store { return &syncMap{} },
	}
}

func filled(newStore func() store) store {
	s := newStore()
	for i, k := range names {
		s.store(k, i)
	}
	return s
}

// Case 1 of the documentation: written once, then only read (a cache that only grows).
func BenchmarkReadMostly(b *testing.B) {
	for name, newStore := range stores() {
		b.Run(name, func(b *testing.B) {
			s := filled(newStore)
			b.RunParallel(func(pb *testing.PB) {
				i := 0
				for pb.Next() {
					s.load(names[i%keys])
					i++
				}
			})
		})
	}
}

// Case 2: each goroutine reads and overwrites its own keys (disjoint sets).
func BenchmarkDisjointWrites(b *testing.B) {
	for name, newStore := range stores() {
		b.Run(name, func(b *testing.B) {
			s := filled(newStore)
			var next sync.Mutex
			worker := 0
			b.RunParallel(func(pb *testing.PB) {
				next.Lock()
				w := worker
				worker++
				next.Unlock()
				i := 0
				for pb.Next() {
					k := names[(w*64+i%64)%keys]
					v, _ := s.load(k)
					s.store(k, v+1)
					i++
				}
			})
		})
	}
}

// Not a documented case: every goroutine writes the same few keys.
func BenchmarkSharedWrites(b *testing.B) {
	for name, newStore := range stores() {
		b.Run(name, func(b *testing.B) {
			s := filled(newStore)
			b.RunParallel(func(pb *testing.PB) {
				i := 0
				for pb.Next() {
					s.store(names[i%4], i)
					i++
				}
			})
		})
	}
}
