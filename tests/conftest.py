"""Fijaciones comunes: semilla, figuras cerradas y paneles en modo estático."""

from __future__ import annotations

import os

os.environ.setdefault("MPLBACKEND", "Agg")
os.environ["CURSO_ESTATICO"] = "1"

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def semilla_y_figuras():
    """Cada prueba empieza con la misma semilla y no deja figuras abiertas."""
    np.random.seed(0)
    yield
    plt.close("all")


def pytest_sessionstart(session):
    """Borra el reporte de mutación anterior (solo el proceso principal)."""
    if not hasattr(session.config, "workerinput"):
        from mutacion import REPORTE_RUTA

        REPORTE_RUTA.unlink(missing_ok=True)


def pytest_terminal_summary(terminalreporter):
    """Imprime la puntuación de mutación y el radio de daño."""
    import json

    from mutacion import REPORTE_RUTA

    if not REPORTE_RUTA.exists():
        return
    datos = json.loads(REPORTE_RUTA.read_text())
    atrapados = sum(1 for d in datos.values() if d["esperado"] in d["perdidos"])
    exactos = sum(1 for d in datos.values() if d["perdidos"] == [d["esperado"]])
    total = len(datos)
    from collections import Counter

    radios = Counter(len(d["perdidos"]) for d in datos.values())
    terminalreporter.section("mutación")
    terminalreporter.write_line(f"puntuación de mutación: {atrapados}/{total} mutantes atrapados")
    terminalreporter.write_line(
        f"radio de daño: {exactos}/{total} cuestan exactamente un ejercicio "
        f"({100 * exactos / max(total, 1):.0f} %); mutantes por número de ejercicios perdidos: "
        + ", ".join(f"{n} ejercicio(s): {c}" for n, c in sorted(radios.items()))
    )
    for nombre, d in datos.items():
        if d["perdidos"] != [d["esperado"]]:
            terminalreporter.write_line(f"  {nombre}: perdió {d['perdidos']}")
