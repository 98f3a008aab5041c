from with_article import with_article


def test_with_article():
    assert with_article("apple") == "an apple"
    assert with_article("dog") == "a dog"
    assert with_article("owl") == "an owl"
    assert with_article("umbrella") == "an umbrella"


def test_capitals():
    assert with_article("Egg") == "an Egg"
    assert with_article("Zebra") == "a Zebra"
    assert with_article("Ice cream") == "an Ice cream"
    assert with_article("yak") == "a yak"
