"""Corre cada módulo ``herramientas/bench_*.py`` e imprime sus cifras como ``nombre: valor``.

Cada módulo define ``medir()``, que devuelve un dict o produce pares ``(nombre, valor)`` en orden
(así se ven las cifras aunque una comprobación posterior falle). Las cifras de velocidad son
cocientes medidos en la misma corrida, nunca tiempos absolutos comparados con un umbral fijo.
Si la medición de un módulo falla (por ejemplo, sus comprobaciones no se cumplen), se dice, se
sigue con los demás y el proceso termina con un código distinto de cero.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import traceback
from pathlib import Path

__all__ = ["correr", "main"]


def _texto(valor) -> str:
    return f"{valor:.4g}" if isinstance(valor, float) else str(valor)


def correr(modulos: list[str]) -> int:
    """Mide con cada módulo de ``modulos`` (nombres dentro de ``herramientas``); 0 si ninguno falló."""
    fallidos = []
    for nombre in modulos:
        print(f"# {nombre}", flush=True)
        try:
            cifras = importlib.import_module(f"herramientas.{nombre}").medir()
            for clave, valor in cifras.items() if isinstance(cifras, dict) else cifras:
                print(f"{clave}: {_texto(valor)}", flush=True)
        except Exception as error:  # noqa: BLE001 — se informa y se siguen midiendo los demás módulos
            traceback.print_exc()
            print(f"# {nombre} FALLÓ: {error}", flush=True)
            fallidos.append(nombre)
    if fallidos:
        print(f"# mediciones fallidas: {', '.join(fallidos)}", file=sys.stderr, flush=True)
    return 1 if fallidos else 0


def main() -> int:
    carpeta = Path(__file__).resolve().parent
    modulos = sorted(m.name for m in pkgutil.iter_modules([str(carpeta)]) if m.name.startswith("bench_"))
    if not modulos:
        print("No hay mediciones registradas (herramientas/bench_*.py).")
    return correr(modulos)


if __name__ == "__main__":
    sys.exit(main())
