// The lesson's handleRequest: a 2-second budget on top of whatever the caller allows.
package main

import (
	"context"
	"fmt"
	"time"
)

type User struct {
	ID, Name string
}

// DB simulates a database whose queries take latency and respect ctx.
type DB struct {
	latency time.Duration
}

func (db *DB) GetUser(ctx context.Context, id string) (User, error) {
	select {
	case <-time.After(db.latency):
		return User{ID: id, Name: "user-" + id}, nil
	case <-ctx.Done():
		return User{}, ctx.Err()
	}
}

var (
	db            = &DB{}
	notifyLatency time.Duration
)

func notify(ctx context.Context, user User) error {
	select {
	case <-time.After(notifyLatency):
		fmt.Println("  notified", user.Name)
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func handleRequest(ctx context.Context, id string) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()

	user, err := db.GetUser(ctx, id)
	if err != nil {
		return err
	}
	return notify(ctx, user)
}

func main() {
	bg := context.Background()

	fmt.Println("fast database and notifier:")
	db.latency, notifyLatency = 10*time.Millisecond, 10*time.Millisecond
	fmt.Println("  err:", handleRequest(bg, "42"))

	// The server allows 50ms: the child's deadline is the earlier one.
	fmt.Println("slow database, 50ms server budget:")
	db.latency = 3 * time.Second
	ctx, cancel := context.WithTimeout(bg, 50*time.Millisecond)
	fmt.Println("  err:", handleRequest(ctx, "42"))
	cancel()

	fmt.Println("slow notifier, 50ms server budget:")
	db.latency, notifyLatency = 10*time.Millisecond, time.Second
	ctx, cancel = context.WithTimeout(bg, 50*time.Millisecond)
	fmt.Println("  err:", handleRequest(ctx, "42"))
	cancel()

	// The client disconnects: the server cancels the request context.
	fmt.Println("client disconnects after 20ms:")
	db.latency = time.Second
	ctx, cancel = context.WithCancel(bg)
	time.AfterFunc(20*time.Millisecond, cancel)
	fmt.Println("  err:", handleRequest(ctx, "42"))
}
