"""La instalación: environment.yml y pyproject.toml piden lo mismo; las puertas de make existen."""

from __future__ import annotations

import re
import tomllib

from cuadernos import RAIZ

_NOMBRE = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$")


def _paquetes(lineas) -> dict[str, str]:
    salida = {}
    for linea in lineas:
        nombre, version = _NOMBRE.match(linea).groups()
        salida[nombre.lower().replace("_", "-")] = version.replace(" ", "")
    return salida


def _pyproject() -> dict[str, str]:
    datos = tomllib.loads((RAIZ / "pyproject.toml").read_text())["project"]
    lineas = datos["dependencies"] + [d for extra in datos["optional-dependencies"].values() for d in extra]
    return _paquetes(lineas)


def _environment() -> dict[str, str]:
    lineas = []
    texto = (RAIZ / "environment.yml").read_text().split("dependencies:", 1)[1]
    for linea in texto.splitlines():
        m = re.match(r"^  - ([^#\s][^#]*)$", linea)
        if m and not m.group(1).startswith(("python=", "pip:")) and m.group(1).strip() != "pip":
            lineas.append(m.group(1).strip())
    return _paquetes(lineas)


def test_environment_y_pyproject_coinciden():
    assert _environment() == _pyproject()


def test_puertas_de_make():
    makefile = (RAIZ / "Makefile").read_text()
    for puerta in ("lab", "test", "release"):
        assert re.search(rf"^{puerta}:", makefile, re.M), f"falta `make {puerta}`"


def test_ci_corre_make_test():
    ci = (RAIZ / ".ci" / "run").read_text()
    ordenes = [l.strip() for l in ci.splitlines() if l.strip() and not l.strip().startswith("#")]
    assert "make test" in ordenes
    assert not any("|| true" in o or "set +e" in o for o in ordenes)
