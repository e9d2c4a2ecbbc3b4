"""``python -m autograder mi-trabajo`` califica un trabajo/ resuelto con todo y uno en blanco con cero, y escribe el avance."""

from __future__ import annotations

import shutil

import nbformat
import pytest

from autograder.__main__ import main
from autograder.clase import cuaderno_resuelto
from cuadernos import RAIZ, celdas_calificadas, leer

#: Dos lecciones bastan (el canal es el mismo para las nueve).
LECCIONES = ["01_problema_memoria", "02_compuerta_olvido"]


def _maximo(leccion: str) -> float:
    return sum(celdas_calificadas(leer(RAIZ / "source" / leccion / f"{leccion}.ipynb")).values())


def _trabajo(tmp_path, resuelto: bool):
    trabajo = tmp_path / "trabajo"
    for leccion in LECCIONES:
        (trabajo / leccion).mkdir(parents=True)
        destino = trabajo / leccion / f"{leccion}.ipynb"
        if resuelto:
            nbformat.write(cuaderno_resuelto(RAIZ, leccion), str(destino))
        else:
            shutil.copy2(RAIZ / "release" / leccion / f"{leccion}.ipynb", destino)
    return trabajo


@pytest.mark.parametrize("resuelto", [True, False], ids=["resuelto", "en_blanco"])
def test_mi_trabajo(tmp_path, capsys, resuelto):
    trabajo = _trabajo(tmp_path, resuelto)
    assert main(["mi-trabajo", "--trabajo", str(trabajo), *LECCIONES]) == 0
    impreso = capsys.readouterr().out
    salida = trabajo / "mi_calificacion"
    avance = (salida / "avance.md").read_text(encoding="utf-8")
    assert "<table>" in (salida / "avance.html").read_text(encoding="utf-8")
    total = sum(_maximo(l) for l in LECCIONES)
    for leccion in LECCIONES:
        pagina = (salida / "retroalimentacion" / f"{leccion}.html").read_text(encoding="utf-8")
        assert "Retroalimentación de" in pagina and "BEGIN HIDDEN TESTS" not in pagina
        obtenido = _maximo(leccion) if resuelto else 0
        assert f"| {leccion} | {obtenido:g} de {_maximo(leccion):g} | calificada |" in avance, avance
        assert f"{leccion}: {obtenido:g} de {_maximo(leccion):g}" in impreso, impreso
    if resuelto:
        assert f"**{total:g} de {total:g}**" in avance
        assert "nada: ¡lección completa!" in impreso and "no se pudo comprobar" not in avance
    else:
        assert f"**0 de {total:g}**" in avance
        # Cada ejercicio aparece por repasar, con el mensaje de su prueba.
        ejercicios = [g.removesuffix("_prueba") for l in LECCIONES
                      for g in celdas_calificadas(leer(RAIZ / "source" / l / f"{l}.ipynb"))]
        for ejercicio in ejercicios:
            assert ejercicio in impreso
            fila = next(l for l in avance.splitlines() if l.startswith(f"| `{ejercicio}` | 0 de "))
            mensaje = fila.rsplit("|", 2)[1].strip()
            assert mensaje not in ("—", "no se pudo comprobar"), fila


def test_sin_copia_de_trabajo(tmp_path, capsys):
    assert main(["mi-trabajo", "--trabajo", str(tmp_path / "no_existe")]) == 1
    assert "make lab" in capsys.readouterr().out
