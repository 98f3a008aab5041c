from html_tag import html_tag


def test_html_tag():
    assert html_tag("b", "hi") == "<b>hi</b>"
    assert html_tag("p", "Hello world") == "<p>Hello world</p>"
    assert html_tag("h1", "Title") == "<h1>Title</h1>"


def test_empty_text():
    assert html_tag("em", "") == "<em></em>"
    assert html_tag("i", "a") == "<i>a</i>"
