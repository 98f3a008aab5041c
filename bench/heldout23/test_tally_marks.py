from tally_marks import tally_marks


def test_tally_marks():
    assert tally_marks(7) == "||||/ ||"
    assert tally_marks(3) == "|||"
    assert tally_marks(12) == "||||/ ||||/ ||"
    assert tally_marks(9) == "||||/ ||||"


def test_full_groups_and_zero():
    assert tally_marks(5) == "||||/"
    assert tally_marks(10) == "||||/ ||||/"
    assert tally_marks(1) == "|"
    assert tally_marks(0) == ""
