from fill_template import fill_template


def test_fill_template():
    assert (
        fill_template("Hi {name}, you are {age}", {"name": "Ann", "age": 30})
        == "Hi Ann, you are 30"
    )
    assert fill_template("{a}{a}-{b_2}", {"a": 1, "b_2": "x"}) == "11-x"
    assert fill_template("plain", {"a": 1}) == "plain"


def test_missing_names():
    assert fill_template("{x} and {y}", {"x": 1}) == "1 and {y}"
    assert fill_template("{x}", {}) == "{x}"
    assert fill_template("", {"x": 1}) == ""
