"""La copia de trabajo del estudiante se crea una vez, nunca se sobrescribe y recibe lecciones nuevas."""

from __future__ import annotations

import json

from herramientas.copia_trabajo import completar, pendiente, primera_pendiente


def test_crea_completa_y_no_sobrescribe(tmp_path):
    origen, destino = tmp_path / "release", tmp_path / "trabajo"
    (origen / "01_a").mkdir(parents=True)
    (origen / "01_a" / "01_a.ipynb").write_text("publicado")
    assert [p.name for p in completar(origen, destino)] == ["01_a.ipynb"]

    (destino / "01_a" / "01_a.ipynb").write_text("mi trabajo")
    (origen / "02_b").mkdir()
    (origen / "02_b" / "02_b.ipynb").write_text("lección nueva")
    (origen / "01_a" / "01_a.ipynb").write_text("publicado otra vez")

    assert [p.name for p in completar(origen, destino)] == ["02_b.ipynb"]
    assert (destino / "01_a" / "01_a.ipynb").read_text() == "mi trabajo"
    assert (destino / "02_b" / "02_b.ipynb").read_text() == "lección nueva"
    assert completar(origen, destino) == []


def _leccion(destino, nombre, resuelta: bool):
    fuente = "def f():\n    return 1" if resuelta else "def f():\n    # TU CÓDIGO AQUÍ\n    raise NotImplementedError()"
    celdas = [{"cell_type": "code", "source": fuente, "metadata": {"nbgrader": {"solution": True, "grade_id": "f"}}},
              {"cell_type": "code", "source": "raise NotImplementedError('no es un ejercicio')", "metadata": {}}]
    (destino / nombre).mkdir(parents=True, exist_ok=True)
    (destino / nombre / f"{nombre}.ipynb").write_text(json.dumps({"cells": celdas}))


def test_primera_leccion_pendiente(tmp_path):
    assert primera_pendiente(tmp_path) is None
    _leccion(tmp_path, "01_a", resuelta=True)
    _leccion(tmp_path, "02_b", resuelta=False)
    _leccion(tmp_path, "03_c", resuelta=False)
    (tmp_path / "02_b" / "otra_cosa.ipynb").write_text("{}")  # no es el cuaderno de la lección
    assert primera_pendiente(tmp_path) == tmp_path / "02_b" / "02_b.ipynb"
    _leccion(tmp_path, "02_b", resuelta=True)
    assert primera_pendiente(tmp_path) == tmp_path / "03_c" / "03_c.ipynb"
    _leccion(tmp_path, "03_c", resuelta=True)
    assert primera_pendiente(tmp_path) == tmp_path / "01_a" / "01_a.ipynb"  # todo terminado: vuelve al inicio


def test_una_pregunta_sin_responder_deja_la_leccion_pendiente(tmp_path):
    def escribir(respuesta: str):
        celdas = [{"cell_type": "code", "source": "def f():\n    return 1", "metadata": {"nbgrader": {"solution": True}}},
                  {"cell_type": "code", "source": f"# Escribe entre comillas la letra de tu respuesta.\nrespuesta_1 = {respuesta}",
                   "metadata": {"nbgrader": {"solution": True, "grade_id": "cuestionario_01_p1"}}}]
        (tmp_path / "01_a").mkdir(exist_ok=True)
        (tmp_path / "01_a" / "01_a.ipynb").write_text(json.dumps({"cells": celdas}))

    escribir('""')
    assert pendiente(tmp_path / "01_a" / "01_a.ipynb")
    escribir('"b"')
    assert not pendiente(tmp_path / "01_a" / "01_a.ipynb")
