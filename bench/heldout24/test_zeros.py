from zeros import zeros


def test_zeros():
    assert zeros(3) == [0, 0, 0]
    assert zeros(1) == [0]
    assert zeros(5) == [0, 0, 0, 0, 0]


def test_zero_length():
    assert zeros(0) == []
    assert len(zeros(10)) == 10
    assert zeros(2) == [0, 0]
