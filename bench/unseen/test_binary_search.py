from binary_search import binary_search


def test_found():
    assert binary_search([1, 3, 5, 7, 9], 7) == 3
    assert binary_search([1, 3, 5, 7, 9], 1) == 0
    assert binary_search([1, 3, 5, 7, 9], 9) == 4
    assert binary_search([4], 4) == 0


def test_missing():
    assert binary_search([], 3) == -1
    assert binary_search([1, 3, 5], 4) == -1
    assert binary_search([1, 3, 5], 10) == -1
