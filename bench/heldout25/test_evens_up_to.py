from evens_up_to import evens_up_to


def test_evens_up_to_normal():
    assert evens_up_to(8) == [2, 4, 6, 8]
    assert evens_up_to(2) == [2]
    assert evens_up_to(11) == [2, 4, 6, 8, 10]


def test_evens_up_to_edge_cases():
    assert evens_up_to(1) == []
    assert evens_up_to(0) == []
    assert evens_up_to(-5) == []
    assert evens_up_to(3) == [2]
