"""select is to channels what switch (match) is to values."""

import goconc
from goconc import chan, go, recv, select, time


def classify(n: int) -> str:
    """match picks the first case whose pattern fits a value."""
    match n:
        case _ if n < 0:
            return "negative"
        case 0:
            return "zero"
        case _:
            return "positive"


def main() -> None:
    for n in (-3, 0, 7):
        print(n, "is", classify(n))

    # select picks a case whose channel operation can proceed, waiting until one can.
    numbers = chan(int)
    words = chan(str)

    def send_number() -> None:
        time.sleep(20 * time.Millisecond)
        numbers.send(42)

    def send_word() -> None:
        time.sleep(10 * time.Millisecond)
        words.send("hello")

    go(send_number)
    go(send_word)
    for _ in range(2):
        match select(recv(numbers), recv(words)):
            case 0, n:
                print("number", n)
            case 1, w:
                print("word", w)


if __name__ == "__main__":
    goconc.run(main)
