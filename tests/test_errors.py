"""Every invalid setting or option becomes one line naming what the user set."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from supercharger.errors import ConfigError, one_line, validated


class Opts(BaseModel):
    model_config = ConfigDict(extra="forbid")

    size: int = Field(1, ge=1)
    limits: dict[str, int] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _small(self) -> Opts:
        if self.size > 100:
            raise ValueError("size must be <= 100")
        return self


def _error(data: dict) -> ValidationError:
    with pytest.raises(ValidationError) as e:
        Opts.model_validate(data)
    return e.value


def test_names_the_field_as_the_user_wrote_it() -> None:
    line = one_line(_error({"size": 0}), lambda f: f"--{f}")
    assert line == "--size: Input should be greater than or equal to 1"


def test_a_nested_location_is_dotted() -> None:
    assert one_line(_error({"limits": {"cpu": "x"}})).startswith("limits.cpu: Input should be")


def test_a_whole_model_error_has_no_value_error_prefix() -> None:
    assert one_line(_error({"size": 101}), lambda f: f or "options") == (
        "options: size must be <= 100"
    )


def test_an_unknown_field_lists_the_known_ones() -> None:
    line = one_line(_error({"colour": 1}), known=Opts.model_fields)
    assert line == "colour: unknown (known: limits, size)"


def test_only_the_first_problem_on_one_line() -> None:
    line = one_line(_error({"size": 0, "colour": 1, "limits": 3}))
    assert "\n" not in line and line.startswith("size:")


def test_validated_is_one_config_error_line() -> None:
    assert validated(Opts, None, "thing").size == 1
    given = Opts(size=3)
    assert validated(Opts, given, "thing") is given
    with pytest.raises(
        ConfigError, match=r"^thing option colour: unknown \(known: limits, size\)$"
    ):
        validated(Opts, {"colour": 1}, "thing")
