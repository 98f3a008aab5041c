from run_length_encode import run_length_encode


def test_rle():
    assert run_length_encode("") == ""
    assert run_length_encode("a") == "a1"
    assert run_length_encode("aaabcc") == "a3b1c2"
    assert run_length_encode("abab") == "a1b1a1b1"
    assert run_length_encode("zzzzzzzzzzzz") == "z12"
