from binary_gap import binary_gap


def test_binary_gap():
    assert binary_gap(9) == 2
    assert binary_gap(529) == 4
    assert binary_gap(20) == 1
    assert binary_gap(1041) == 5


def test_no_gap():
    assert binary_gap(32) == 0
    assert binary_gap(15) == 0
    assert binary_gap(1) == 0
