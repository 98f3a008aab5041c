from can_spell import can_spell


def test_can_spell():
    assert can_spell("cat", "tacx") is True
    assert can_spell("cab", "tac") is False
    assert can_spell("bee", "ebe") is True
    assert can_spell("bee", "bex") is False


def test_case_and_empty():
    assert can_spell("A", "a") is False
    assert can_spell("a", "") is False
    assert can_spell("", "abc") is True
    assert can_spell("", "") is True
