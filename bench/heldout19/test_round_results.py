from round_results import round_results


def test_round_results():
    assert round_results([[3, 1], [0, 2], [4, 4]]) == ["W", "L", "D"]
    assert round_results([[10, 9], [10, 11]]) == ["W", "L"]
    assert round_results([[-1, -2]]) == ["W"]


def test_empty_and_draws():
    assert round_results([]) == []
    assert round_results([[0, 0]]) == ["D"]
    assert round_results([[2, 2], [1, 5]]) == ["D", "L"]
