from score_line import score_line


def test_score_line():
    assert score_line("Lions", "Tigers", 2, 1) == "Lions 2-1 Tigers"
    assert score_line("Reds", "Blues", 0, 3) == "Reds 0-3 Blues"
    assert score_line("A", "B", 10, 0) == "A 10-0 B"


def test_draw():
    assert score_line("Lions", "Tigers", 0, 0) == "Lions 0-0 Tigers"
    assert score_line("Tigers", "Lions", 4, 4) == "Tigers 4-4 Lions"
    assert score_line("United", "City", 1, 2) == "United 1-2 City"
