from fibonacci import fibonacci


def test_fibonacci():
    assert fibonacci(6) == 8
    assert fibonacci(10) == 55
    assert fibonacci(20) == 6765


def test_start():
    assert fibonacci(0) == 0
    assert fibonacci(1) == 1
    assert fibonacci(2) == 1
    assert fibonacci(3) == 2
