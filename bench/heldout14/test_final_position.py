from final_position import final_position


def test_final_position():
    assert final_position(["U", "U", "R"]) == (1, 2)
    assert final_position(["L", "D"]) == (-1, -1)
    assert final_position(["R", "R", "R", "L"]) == (2, 0)
    assert final_position(["U", "D", "L", "R"]) == (0, 0)


def test_empty_and_single():
    assert final_position([]) == (0, 0)
    assert final_position(["D"]) == (0, -1)
