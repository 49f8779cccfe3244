// Simulated: the HTTP server cancels the request context when the client disconnects,
// and the database driver returns an error when it sees ctx.Done() while waiting.
package main

import (
	"context"
	"fmt"
	"time"
)

// Conn is the client's connection as the server sees it: hangup is closed
// when the client disconnects.
type Conn struct {
	hangup chan struct{}
}

// serve runs handler with a request context that it cancels when the client
// disconnects, as net/http does with Request.Context().
func serve(conn *Conn, handler func(ctx context.Context) error) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		select {
		case <-conn.hangup:
			cancel()
		case <-ctx.Done():
		}
	}()
	fmt.Println("  handler returned:", handler(ctx))
}

// Driver is a database driver; the database takes latency to answer.
type Driver struct {
	latency time.Duration
}

func (d *Driver) QueryRow(ctx context.Context, query string) (string, error) {
	result := make(chan string, 1)
	abort := make(chan struct{})
	go func() { // the database server at work
		select {
		case <-time.After(d.latency):
			result <- "ada"
		case <-abort:
		}
	}()
	select {
	case row := <-result:
		return row, nil
	case <-ctx.Done():
		close(abort) // tell the database to stop working on it
		return "", ctx.Err()
	}
}

var db = &Driver{latency: 50 * time.Millisecond}

func getUser(ctx context.Context) error {
	name, err := db.QueryRow(ctx, "SELECT name FROM users WHERE id = 42")
	if err != nil {
		return err
	}
	fmt.Println("  user:", name)
	return nil
}

func main() {
	fmt.Println("the client waits:")
	serve(&Conn{hangup: make(chan struct{})}, getUser)

	fmt.Println("the client hangs up after 20ms:")
	conn := &Conn{hangup: make(chan struct{})}
	time.AfterFunc(20*time.Millisecond, func() { close(conn.hangup) })
	serve(conn, getUser)
}
