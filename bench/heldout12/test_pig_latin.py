from pig_latin import pig_latin


def test_pig_latin():
    assert pig_latin("hello") == "ellohay"
    assert pig_latin("pig") == "igpay"
    assert pig_latin("Go") == "oGay"


def test_empty_and_short():
    assert pig_latin("") == ""
    assert pig_latin("a") == "aay"
    assert pig_latin("ab") == "baay"
