"""Precalcula los entrenamientos de la lección 09 en ``course/datos/aplicaciones.json`` (``python -m autograder.modelos.precalcular``)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from . import experimentos

__all__ = ["DISTANCIAS", "ITERACIONES_METRO", "SEMILLAS", "ITERACIONES_ENERGIA", "DESTINO", "metro", "energia", "generar"]

#: El presupuesto corto de la lección: lo que antes se entrenaba en el cuaderno.
DISTANCIAS = (5, 10, 20, 40)
ITERACIONES_METRO = 150
SEMILLAS = (0,)
ITERACIONES_ENERGIA = 300
DESTINO = Path(__file__).resolve().parents[2] / "course" / "datos" / "aplicaciones.json"


def _lista(arreglo) -> list:
    return np.round(np.asarray(arreglo, dtype=float), 6).tolist()


def metro(iteraciones: int = ITERACIONES_METRO, distancias=DISTANCIAS, semillas=SEMILLAS) -> dict:
    """La curva de una LSTM con L = 20 y el barrido de las tres celdas en cada distancia."""
    exactitud, historial = experimentos.exactitud_metro("lstm", L=20, iteraciones=iteraciones, semilla=semillas[0])
    barrido = experimentos.barrido_metro(distancias, semillas=semillas, iteraciones=iteraciones)
    return {"iteraciones": iteraciones, "semillas": list(semillas), "distancias": list(distancias),
            "curva": {"celda": "lstm", "L": 20, "exactitud": exactitud, "perdida": _lista(historial["perdida"])},
            "barrido": {celda: _lista(tabla) for celda, tabla in barrido.items()}}


def energia(iteraciones: int = ITERACIONES_ENERGIA) -> dict:
    """El pronóstico de la LSTM en las dos semanas de prueba y su MAE contra los ingenuos."""
    r = experimentos.pronostico_energia(iteraciones=iteraciones)
    return {"iteraciones": iteraciones, "perdida": _lista(r["historial"]["perdida"]), "real": _lista(r["real"]),
            "pronostico": _lista(r["pronostico"]), "mae": {k: round(v, 3) for k, v in r["mae"].items()},
            "mae_validacion": round(r["mae_validacion"], 3)}


def generar() -> dict:
    """Todo lo que muestra la lección 09 (tarda alrededor de un minuto)."""
    return {"metro": metro(), "energia": energia()}


def main(argv=None) -> None:
    """Reescribe ``course/datos/aplicaciones.json`` (o ``--destino``)."""
    parser = argparse.ArgumentParser(description="Precalcula los entrenamientos de la lección 09.")
    parser.add_argument("--destino", type=Path, default=DESTINO)
    destino = parser.parse_args(argv).destino
    destino.write_text(json.dumps(generar(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"Escrito {destino}")


if __name__ == "__main__":
    main()
