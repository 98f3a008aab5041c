from rgb_to_hex import rgb_to_hex


def test_rgb_to_hex():
    assert rgb_to_hex(255, 0, 128) == "#ff0080"
    assert rgb_to_hex(16, 32, 171) == "#1020ab"
    assert rgb_to_hex(200, 100, 50) == "#c86432"


def test_black_white_and_small():
    assert rgb_to_hex(0, 0, 0) == "#000000"
    assert rgb_to_hex(255, 255, 255) == "#ffffff"
    assert rgb_to_hex(1, 10, 15) == "#010a0f"
