// The tree digest of "Pipelines and cancellation", with bounded parallelism:
// walk the tree, digest the files in a fixed number of goroutines, collect.
// The tree is in memory (testing/fstest), so the output is always the same.
package main

import (
	"crypto/md5"
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"slices"
	"sync"
	"testing/fstest"
	"time"
)

var tree = fstest.MapFS{
	"README.md":        {Data: []byte("# digest\n")},
	"cmd/main.go":      {Data: []byte("package main\n")},
	"docs/empty.txt":   {Data: []byte("")},
	"docs/guide.md":    {Data: []byte("Read the guide first.\n")},
	"internal/walk.go": {Data: []byte("package internal\n")},
}

// walkFiles sends the path of every regular file in the tree, then the
// walk's error on errc (buffered: the walk never waits to report it).
func walkFiles(done <-chan struct{}, fsys fs.FS, root string) (<-chan string, <-chan error) {
	paths := make(chan string)
	errc := make(chan error, 1)
	go func() {
		defer close(paths)
		errc <- fs.WalkDir(fsys, root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.Type().IsRegular() {
				return nil
			}
			select {
			case paths <- path:
			case <-done:
				return errors.New("walk canceled")
			}
			return nil
		})
	}()
	return paths, errc
}

type result struct {
	path string
	sum  [md5.Size]byte
	err  error
}

// digester reads and digests files until paths is closed or done is.
func digester(done <-chan struct{}, fsys fs.FS, paths <-chan string, c chan<- result) {
	for path := range paths {
		data, err := fs.ReadFile(fsys, path)
		select {
		case c <- result{path, md5.Sum(data), err}:
		case <-done:
			return
		}
	}
}

// MD5All digests every regular file under root, with numDigesters
// goroutines; on the first error it returns, and closing done stops the rest.
func MD5All(fsys fs.FS, root string, numDigesters int) (map[string][md5.Size]byte, error) {
	done := make(chan struct{})
	defer close(done)

	paths, errc := walkFiles(done, fsys, root)
	c := make(chan result)
	var wg sync.WaitGroup
	wg.Add(numDigesters)
	for range numDigesters {
		go func() {
			digester(done, fsys, paths, c)
			wg.Done()
		}()
	}
	go func() {
		wg.Wait()
		close(c)
	}()

	m := make(map[string][md5.Size]byte)
	for r := range c {
		if r.err != nil {
			return nil, r.err
		}
		m[r.path] = r.sum
	}
	if err := <-errc; err != nil { // only now: the walk may block sending paths
		return nil, err
	}
	return m, nil
}

// lockedFS is the tree with one file that cannot be read.
type lockedFS struct{ fstest.MapFS }

func (f lockedFS) ReadFile(name string) ([]byte, error) {
	if name == "docs/guide.md" {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return f.MapFS.ReadFile(name)
}

func main() {
	m, err := MD5All(tree, ".", 2)
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	paths := make([]string, 0, len(m))
	for path := range m {
		paths = append(paths, path)
	}
	slices.Sort(paths)
	for _, path := range paths {
		fmt.Printf("%x  %s\n", m[path], path)
	}

	_, err = MD5All(lockedFS{tree}, ".", 2)
	fmt.Println("error:", err)
	time.Sleep(100 * time.Millisecond) // let the stopped stages return
	fmt.Println("goroutines still there:", runtime.NumGoroutine())
}
