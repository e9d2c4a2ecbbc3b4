"""La orden en español ``python -m autograder``: importar → calificar → retroalimentar → exportar sobre un zip de Canvas."""

from __future__ import annotations

import csv

from autograder.__main__ import main
from autograder.clase import fabricar_clase
from autograder.importar import empaquetar
from cuadernos import ASIGNACIONES, RAIZ

A = ASIGNACIONES[0]


def test_orden_completa(tmp_path, capsys):
    clase = fabricar_clase(RAIZ, A, casos=["solucion_completa", "en_blanco"])
    zip_lms = tmp_path / "canvas.zip"
    zip_lms.write_bytes(empaquetar({"Ana Gómez": clase["solucion_completa"], "Luis Peña": clase["en_blanco"]}, "canvas"))
    curso = tmp_path / "curso"
    comun = ["--curso", str(curso), "--asignacion", A]
    assert main(["importar", str(zip_lms), *comun]) == 0
    assert "Colocadas: 2" in capsys.readouterr().out
    assert main(["calificar", *comun, "--limite-celda", "20", "--trabajadores", "2"]) == 0
    assert main(["retroalimentar", *comun]) == 0
    assert "2 páginas" in capsys.readouterr().out
    assert main(["exportar", *comun]) == 0
    salida = capsys.readouterr().out
    assert "anagomez" in salida and "luispena" in salida
    with (curso / "calificacion" / f"{A}.csv").open(encoding="utf-8") as f:
        filas = {f["estudiante"]: f for f in csv.DictReader(f)}
    # Canvas: la carpeta lleva el id de usuario (dos logins iguales son dos estudiantes).
    assert filas["anagomez_2001"]["total"] == filas["anagomez_2001"]["maximo"] and filas["luispena_2002"]["total"] == "0"
    assert filas["anagomez_2001"]["estado"] == filas["luispena_2002"]["estado"] == "calificada"
