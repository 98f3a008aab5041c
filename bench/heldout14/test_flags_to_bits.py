from flags_to_bits import flags_to_bits


def test_flags_to_bits():
    assert flags_to_bits([True, False, True]) == "101"
    assert flags_to_bits([False, False, True, True]) == "0011"
    assert flags_to_bits([True]) == "1"


def test_empty_and_order():
    assert flags_to_bits([]) == ""
    assert flags_to_bits([False]) == "0"
    assert flags_to_bits([True, True, False]) == "110"
