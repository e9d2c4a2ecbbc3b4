"""Corre cada módulo ``herramientas/bench_*.py`` e imprime sus cifras como ``nombre: valor``.

Cada módulo define ``medir() -> dict[str, float | str]``. Las cifras de velocidad son
cocientes medidos en la misma corrida, nunca tiempos absolutos comparados con un umbral fijo.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main() -> int:
    carpeta = Path(__file__).resolve().parent
    modulos = sorted(m.name for m in pkgutil.iter_modules([str(carpeta)]) if m.name.startswith("bench_"))
    if not modulos:
        print("No hay mediciones registradas (herramientas/bench_*.py).")
    for nombre in modulos:
        modulo = importlib.import_module(f"herramientas.{nombre}")
        print(f"# {nombre}", flush=True)
        for clave, valor in modulo.medir().items():
            print(f"{clave}: {valor:.4g}" if isinstance(valor, float) else f"{clave}: {valor}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
