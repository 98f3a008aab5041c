from headline_case import headline_case


def test_headline_case():
    assert headline_case("the lord OF the rings") == "The Lord of the Rings"
    assert headline_case("a tale of two cities") == "A Tale of Two Cities"
    assert headline_case("  war   AND peace ") == "War and Peace"
    assert headline_case("ANDROID in space") == "Android in Space"


def test_edge_cases():
    assert headline_case("of") == "Of"
    assert headline_case("") == ""
    assert headline_case("   ") == ""
