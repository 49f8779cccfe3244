"""A closed channel is always ready, so it gets no priority over other ready cases."""

import goconc
from goconc import chan, default, recv, recv_ok, select


def main() -> None:
    done = chan()
    done.close()
    work = chan(int, 1)
    done_chosen = work_chosen = 0
    for i in range(1000):
        work.send(i)
        match select(recv(done), recv(work)):
            case 0, _:
                done_chosen += 1
                work.recv()
            case 1, _:
                work_chosen += 1
    # The choice is uniformly random: both cases win about half the time.
    print("done chosen sometimes:", str(done_chosen > 100).lower())
    print("work chosen sometimes:", str(work_chosen > 100).lower())
    print("total:", done_chosen + work_chosen)

    # A receive case on a closed channel yields the zero value and ok=False.
    nums = chan(int)
    nums.close()
    match select(recv_ok(nums), default):
        case 0, (v, ok):
            print("closed case:", v, str(ok).lower())
        case _:
            print("never: a closed channel is ready")

    # To give done priority, check it on its own first.
    work.send(1)
    match select(recv(done), default):
        case 0, _:
            print("stopping before more work")
        case _:
            match select(recv(work), recv(done)):
                case 0, v:
                    print("work", v)
                case 1, _:
                    print("stopping")


if __name__ == "__main__":
    goconc.run(main)
