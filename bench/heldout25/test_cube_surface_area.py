from cube_surface_area import cube_surface_area


def test_cube_surface_area_normal():
    assert cube_surface_area(1) == 6
    assert cube_surface_area(2) == 24
    assert cube_surface_area(3) == 54


def test_cube_surface_area_edge_cases():
    assert cube_surface_area(0) == 0
    assert cube_surface_area(10) == 600
    assert cube_surface_area(0.5) == 1.5
