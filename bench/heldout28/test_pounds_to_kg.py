from pounds_to_kg import pounds_to_kg


def test_pounds_to_kg_normal():
    assert pounds_to_kg(10) == 4.54
    assert pounds_to_kg(150) == 68.04
    assert pounds_to_kg(2.2) == 1.0


def test_pounds_to_kg_edge_cases():
    assert pounds_to_kg(0) == 0.0
    assert pounds_to_kg(1) == 0.45
    assert pounds_to_kg(1000) == 453.59
