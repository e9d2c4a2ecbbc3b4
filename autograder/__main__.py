"""Punto de entrada: ``python -m autograder <orden>``."""

from __future__ import annotations

import argparse
import sys

from .curso import RAIZ_REPO, asignaciones, generar_release


def main(argv: list[str] | None = None) -> int:
    analizador = argparse.ArgumentParser(prog="python -m autograder", description="Herramientas de calificación del curso.")
    ordenes = analizador.add_subparsers(dest="orden", required=True)
    publicar = ordenes.add_parser("publicar", help="regenera release/ desde source/ con nbgrader")
    publicar.add_argument("asignaciones", nargs="*", help="por omisión, todas")
    args = analizador.parse_args(argv)

    if args.orden == "publicar":
        cuales = args.asignaciones or asignaciones()
        for ruta in generar_release(RAIZ_REPO / "release", cuales=cuales):
            print(f"escrito {ruta.relative_to(RAIZ_REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
