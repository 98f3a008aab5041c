from postcode_area import postcode_area


def test_postcode_area():
    assert postcode_area("SW1A 1AA") == "SW"
    assert postcode_area("M1 1AE") == "M"
    assert postcode_area("EH8 9YL") == "EH"
    assert postcode_area("ab12") == "ab"


def test_letters_only_and_empty():
    assert postcode_area("ABC") == "ABC"
    assert postcode_area("1AB") == ""
    assert postcode_area(" SW1") == ""
    assert postcode_area("") == ""
