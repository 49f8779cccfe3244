// The pre-Go 1.23 drain idiom blocks forever once the value was received.
package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.NewTimer(10 * time.Millisecond)
	<-t.C
	fmt.Println("fired and received")
	if !t.Stop() { // false: the value was received
		<-t.C // nothing will ever be sent: blocks forever
	}
	t.Reset(10 * time.Millisecond)
	fmt.Println("never printed")
}
