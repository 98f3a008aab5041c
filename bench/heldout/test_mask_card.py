from mask_card import mask_card


def test_mask_card():
    assert mask_card("4556364607935616") == "############5616"
    assert mask_card("12345") == "#2345"
    assert mask_card("abcdefg") == "###defg"


def test_short():
    assert mask_card("1234") == "1234"
    assert mask_card("12") == "12"
    assert mask_card("") == ""
