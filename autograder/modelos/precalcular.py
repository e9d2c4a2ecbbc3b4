"""Precalcula los entrenamientos de la lección 09 en ``course/datos/aplicaciones.json`` (``python -m autograder.modelos.precalcular``)."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from . import experimentos

__all__ = ["DISTANCIAS", "ITERACIONES_METRO", "SEMILLAS", "ITERACIONES_ENERGIA", "CADA", "PACIENCIA", "DESTINO",
           "UN_HILO", "metro", "energia", "generar"]

#: El presupuesto de la lección: corto en el metro (todas las redes ya aciertan con L chica) y con
#: parada temprana en la energía (hasta ITERACIONES_ENERGIA; la validación se mide cada CADA iteraciones
#: y se para tras PACIENCIA mediciones sin mejorar). Cada red se entrena con cada una de las SEMILLAS.
DISTANCIAS = (5, 10, 20, 40)
ITERACIONES_METRO = 150
SEMILLAS = (0, 1, 2, 3, 4)
ITERACIONES_ENERGIA = 3000
CADA = 50
PACIENCIA = 10
DESTINO = Path(__file__).resolve().parents[2] / "course" / "datos" / "aplicaciones.json"
#: Matrices chicas: con varios hilos de BLAS el cálculo tarda unas tres veces más (y da los mismos números).
UN_HILO = {v: "1" for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}


def _lista(arreglo, decimales: int = 6) -> list:
    return np.round(np.asarray(arreglo, dtype=float), decimales).tolist()


def metro(iteraciones: int = ITERACIONES_METRO, distancias=DISTANCIAS, semillas=SEMILLAS) -> dict:
    """La curva de una LSTM con L = 20 y el barrido de las tres celdas en cada distancia y semilla."""
    exactitud, historial = experimentos.exactitud_metro("lstm", L=20, iteraciones=iteraciones, semilla=semillas[0])
    barrido = experimentos.barrido_metro(distancias, semillas=semillas, iteraciones=iteraciones)
    return {"iteraciones": iteraciones, "semillas": list(semillas), "distancias": list(distancias),
            "curva": {"celda": "lstm", "L": 20, "exactitud": exactitud, "perdida": _lista(historial["perdida"])},
            "barrido": {celda: _lista(tabla) for celda, tabla in barrido.items()}}


def energia(iteraciones: int = ITERACIONES_ENERGIA, semillas=SEMILLAS, cada: int = CADA, paciencia: int = PACIENCIA) -> dict:
    """Una LSTM por semilla, con parada temprana por el MAE de validación; la prueba, medida una vez al final.

    ``validacion`` y ``prueba``: MAE (MW) de cada ingenuo y, en ``lstm``, una lista con el de cada
    semilla. ``perdida``: la pérdida por iteración de la primera semilla. ``corridas``: por semilla, el
    MAE de validación medido cada ``cada`` iteraciones, la iteración elegida y el pronóstico de la prueba.
    """
    r = experimentos.pronosticos_energia(semillas, iteraciones=iteraciones, cada=cada, paciencia=paciencia)
    corridas = r["corridas"]
    return {"iteraciones": iteraciones, "cada": cada, "paciencia": paciencia, "semillas": list(semillas),
            "validacion": {"lstm": _lista(r["mae_validacion"], 3),
                           **{k: round(v, 3) for k, v in corridas[0]["mae_validacion_ingenuos"].items()}},
            "prueba": {"lstm": _lista(r["mae_lstm"], 3),
                       **{k: round(v, 3) for k, v in corridas[0]["mae"].items() if k != "lstm"}},
            "real": _lista(corridas[0]["real"], 3), "perdida": _lista(corridas[0]["historial"]["perdida"], 5),
            "corridas": [{"semilla": s, "mejor_iteracion": c["mejor_iteracion"],
                          "validacion": {"iteracion": c["historial"]["validacion"]["iteracion"].tolist(),
                                         "mae": _lista(c["historial"]["validacion"]["error"], 3)},
                          "pronostico": _lista(c["pronostico"], 3)}
                         for s, c in zip(semillas, corridas)]}


def generar() -> dict:
    """Todo lo que muestra la lección 09 (con un hilo de BLAS, alrededor de un minuto)."""
    return {"metro": metro(), "energia": energia()}


def main(argv=None) -> None:
    """Reescribe ``course/datos/aplicaciones.json`` (o ``--destino``), en un proceso con un solo hilo de BLAS."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if any(os.environ.get(v) != "1" for v in UN_HILO):
        # Los hilos de BLAS se fijan al importar numpy: hay que empezar otro proceso.
        sys.exit(subprocess.call([sys.executable, "-m", "autograder.modelos.precalcular", *argv], env={**os.environ, **UN_HILO}))
    parser = argparse.ArgumentParser(description="Precalcula los entrenamientos de la lección 09.")
    parser.add_argument("--destino", type=Path, default=DESTINO)
    destino = parser.parse_args(argv).destino
    inicio = time.perf_counter()
    destino.write_text(json.dumps(generar(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"Escrito {destino} en {time.perf_counter() - inicio:.0f} s")


if __name__ == "__main__":
    main()
