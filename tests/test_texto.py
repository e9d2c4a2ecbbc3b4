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


def test_sincronizar_un_gemelo_mas_reciente_no_cambia_el_cuaderno(tmp_path):
    """Tras un `git clone` el .py puede quedar más nuevo que el .ipynb: `make release` no debe tocar la lección."""
    import os
    import shutil

    from autograder.curso import sincronizar_texto

    leccion = FUENTES[1].parent
    shutil.copytree(leccion, tmp_path / "source" / leccion.name)
    shutil.copy2(RAIZ / "source" / "jupytext.toml", tmp_path / "source" / "jupytext.toml")
    gemelo = tmp_path / "source" / leccion.name / f"{leccion.name}.py"
    os.utime(gemelo, (gemelo.stat().st_atime, gemelo.stat().st_mtime + 60))
    sincronizar_texto(tmp_path)
    assert (tmp_path / "source" / leccion.name / FUENTES[1].name).read_bytes() == FUENTES[1].read_bytes()
    assert gemelo.read_bytes() == FUENTES[1].with_suffix(".py").read_bytes()
