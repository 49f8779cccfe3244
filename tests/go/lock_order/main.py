"""Lock ordering: two transfers that lock the same two accounts in opposite
orders deadlock (AB/BA); taking the locks in one global order cannot."""

from collections.abc import Callable

import goconc
from goconc import chan, go, recv, runtime, select, sync, time


class Account:
    def __init__(self, id: int, balance: int) -> None:
        self.id = id
        self.mu = sync.Mutex()
        self.balance = balance


def transfer(src: Account, dst: Account, amount: int) -> None:
    """Lock src, then dst: which lock comes first depends on the call."""
    with src.mu:
        time.sleep(100 * time.Millisecond)  # some work while holding the first lock
        with dst.mu:
            src.balance -= amount
            dst.balance += amount


def transfer_ordered(src: Account, dst: Account, amount: int) -> None:
    """Lock the account with the lower id first, whatever the call."""
    first, second = (src, dst) if src.id < dst.id else (dst, src)
    with first.mu:
        time.sleep(100 * time.Millisecond)
        with second.mu:
            src.balance -= amount
            dst.balance += amount


def both(name: str, move: Callable[[Account, Account, int], None]) -> None:
    """Run a transfer from a to b and one from b to a at the same time."""
    a = Account(1, 100)
    b = Account(2, 100)
    done = chan(bool)

    def run(src: Account, dst: Account, amount: int) -> None:
        move(src, dst, amount)
        done.send(True)

    go(run, a, b, 10)
    go(run, b, a, 20)
    timeout = time.after(time.Second)
    for _ in range(2):
        match select(recv(done), recv(timeout)):
            case 1, _:
                print(name + ": still waiting after 1s (each holds the lock the other needs)")
                return
    print(name + ": done, balances", a.balance, b.balance)


def main() -> None:
    both("from, then to", transfer)
    both("lower id first", transfer_ordered)
    time.sleep(100 * time.Millisecond)  # let the finished goroutines exit
    print("goroutines:", runtime.num_goroutine())


if __name__ == "__main__":
    goconc.run(main)
