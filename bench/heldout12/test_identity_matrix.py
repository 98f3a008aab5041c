from identity_matrix import identity_matrix


def test_identity_matrix():
    assert identity_matrix(2) == [[1, 0], [0, 1]]
    assert identity_matrix(3) == [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
    assert identity_matrix(4)[3] == [0, 0, 0, 1]


def test_zero_and_one():
    assert identity_matrix(0) == []
    assert identity_matrix(1) == [[1]]
    assert len(identity_matrix(5)) == 5
