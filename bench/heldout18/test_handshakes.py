from handshakes import handshakes


def test_handshakes():
    assert handshakes(4) == 6
    assert handshakes(3) == 3
    assert handshakes(5) == 10
    assert handshakes(10) == 45


def test_few_people():
    assert handshakes(0) == 0
    assert handshakes(1) == 0
    assert handshakes(2) == 1
