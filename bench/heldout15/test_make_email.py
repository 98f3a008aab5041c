from make_email import make_email


def test_make_email():
    assert make_email("Ann", "example.com") == "ann@example.com"
    assert make_email("BOB", "mail.org") == "bob@mail.org"
    assert make_email("jo.smith", "a.b") == "jo.smith@a.b"


def test_domain_kept():
    assert make_email("x", "Y.com") == "x@Y.com"
    assert make_email("Kim", "ACME.IO") == "kim@ACME.IO"
    assert make_email("al", "b") == "al@b"
