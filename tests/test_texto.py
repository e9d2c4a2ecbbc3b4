"""Cada lección de source/ tiene su gemelo de texto (jupytext py:percent) y ambos dicen lo mismo."""

from __future__ import annotations

import jupytext
import pytest
from jupytext.compare import compare_notebooks

from cuadernos import FUENTES, RAIZ, leer


@pytest.mark.parametrize("cuaderno", FUENTES, ids=lambda p: p.parent.name)
def test_gemelo_de_texto_al_dia(cuaderno):
    gemelo = cuaderno.with_suffix(".py")
    assert gemelo.exists(), f"falta {gemelo.relative_to(RAIZ)}: corre `make release` (sincroniza con jupytext)"
    texto = jupytext.read(gemelo, fmt="py:percent")
    # Celdas, fuentes y metadatos (nbgrader incluido) iguales; los ids y salidas solo viven en el .ipynb.
    compare_notebooks(texto, leer(cuaderno), fmt="py:percent", allow_expected_differences=False)


def test_el_gemelo_no_llega_a_release():
    assert not list((RAIZ / "release").rglob("*.py")), "release/ no debe llevar los gemelos de texto (tienen soluciones)"
