from markdown_link import markdown_link


def test_markdown_link():
    assert markdown_link("docs", "https://x.org") == "[docs](https://x.org)"
    assert markdown_link("home", "/") == "[home](/)"
    assert markdown_link("a b", "http://e.com/p?q=1") == "[a b](http://e.com/p?q=1)"


def test_empty_parts():
    assert markdown_link("", "u") == "[](u)"
    assert markdown_link("t", "") == "[t]()"
    assert markdown_link("", "") == "[]()"
