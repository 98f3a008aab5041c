from add_binary import add_binary


def test_add_binary_normal():
    assert add_binary("11", "1") == "100"
    assert add_binary("1010", "1011") == "10101"
    assert add_binary("1", "1") == "10"


def test_add_binary_edge_cases():
    assert add_binary("0", "0") == "0"
    assert add_binary("0", "101") == "101"
    assert add_binary("001", "1") == "10"
    assert add_binary("1111", "1") == "10000"
