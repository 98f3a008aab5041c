from pet_label import pet_label


def test_pet_label():
    assert pet_label({"name": "Rex", "kind": "dog"}) == "Rex the dog"
    assert pet_label({"name": "Tom", "kind": "cat"}) == "Tom the cat"
    assert pet_label({"kind": "fish", "name": "Bubbles"}) == "Bubbles the fish"


def test_kept_as_is():
    assert pet_label({"name": "polly", "kind": "Parrot"}) == "polly the Parrot"
    assert pet_label({"name": "Mr Snake", "kind": "python"}) == "Mr Snake the python"
    assert pet_label({"name": "A", "kind": "B", "age": 3}) == "A the B"
