from email_domain import email_domain


def test_email_domain():
    assert email_domain("ada@example.com") == "example.com"
    assert email_domain("x@y") == "y"
    assert email_domain("@host") == "host"


def test_missing_at_and_empty():
    assert email_domain("no-at-sign") == ""
    assert email_domain("user@") == ""
    assert email_domain("") == ""
