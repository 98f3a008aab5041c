from collatz_steps import collatz_steps


def test_collatz_steps():
    assert collatz_steps(6) == 8
    assert collatz_steps(2) == 1
    assert collatz_steps(3) == 7
    assert collatz_steps(16) == 4
    assert collatz_steps(27) == 111


def test_one():
    assert collatz_steps(1) == 0
