from join_with_dash import join_with_dash


def test_join_with_dash():
    assert join_with_dash(["a", "b", "c"]) == "a-b-c"
    assert join_with_dash(["2024", "01", "31"]) == "2024-01-31"
    assert join_with_dash(["one"]) == "one"


def test_empty():
    assert join_with_dash([]) == ""
    assert join_with_dash(["", "x"]) == "-x"
