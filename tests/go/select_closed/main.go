// A closed channel is always ready, so it gets no priority over other ready cases.
package main

import "fmt"

func main() {
	done := make(chan struct{})
	close(done)
	work := make(chan int, 1)
	doneChosen, workChosen := 0, 0
	for i := 0; i < 1000; i++ {
		work <- i
		select {
		case <-done:
			doneChosen++
			<-work
		case <-work:
			workChosen++
		}
	}
	// The choice is uniformly random: both cases win about half the time.
	fmt.Println("done chosen sometimes:", doneChosen > 100)
	fmt.Println("work chosen sometimes:", workChosen > 100)
	fmt.Println("total:", doneChosen+workChosen)

	// A receive case on a closed channel yields the zero value and ok=false.
	nums := make(chan int)
	close(nums)
	select {
	case v, ok := <-nums:
		fmt.Println("closed case:", v, ok)
	default:
		fmt.Println("never: a closed channel is ready")
	}

	// To give done priority, check it on its own first.
	work <- 1
	select {
	case <-done:
		fmt.Println("stopping before more work")
	default:
		select {
		case v := <-work:
			fmt.Println("work", v)
		case <-done:
			fmt.Println("stopping")
		}
	}
}
