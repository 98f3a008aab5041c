from time_greeting import time_greeting


def test_time_greeting():
    assert time_greeting("Ann", 9) == "Good morning, Ann"
    assert time_greeting("Bo", 14) == "Good afternoon, Bo"
    assert time_greeting("Cy", 20) == "Good evening, Cy"


def test_boundaries():
    assert time_greeting("Ann", 0) == "Good morning, Ann"
    assert time_greeting("Bo", 12) == "Good afternoon, Bo"
    assert time_greeting("Bo", 17) == "Good afternoon, Bo"
    assert time_greeting("Cy", 18) == "Good evening, Cy"
