from slugify import slugify


def test_slugify():
    assert slugify("Hello, World! 2024") == "hello-world-2024"
    assert slugify("  Python   3.12 rocks ") == "python-3-12-rocks"
    assert slugify("already-a-slug") == "already-a-slug"
    assert slugify("--Top 10 -- Tips--") == "top-10-tips"


def test_nothing_left():
    assert slugify("!!!") == ""
    assert slugify("") == ""
