from atbash import atbash


def test_atbash_normal():
    assert atbash("abc") == "zyx"
    assert atbash("Hello") == "Svool"
    assert atbash("wizard") == "draziw"


def test_atbash_edge_cases():
    assert atbash("") == ""
    assert atbash("Z a!") == "A z!"
    assert atbash("123") == "123"
