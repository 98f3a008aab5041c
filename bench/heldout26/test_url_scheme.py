from url_scheme import url_scheme


def test_url_scheme_normal():
    assert url_scheme("https://example.com") == "https"
    assert url_scheme("ftp://files.org/a") == "ftp"
    assert url_scheme("http://a.b/c://d") == "http"


def test_url_scheme_edge_cases():
    assert url_scheme("example.com") == ""
    assert url_scheme("") == ""
    assert url_scheme("://x") == ""
