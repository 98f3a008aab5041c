from acronym import acronym


def test_acronym():
    assert acronym("portable network graphics") == "PNG"
    assert acronym("As Soon As Possible") == "ASAP"
    assert acronym("  hello   world ") == "HW"
    assert acronym("x") == "X"


def test_empty():
    assert acronym("") == ""
    assert acronym("   ") == ""
