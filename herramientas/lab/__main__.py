"""``python -m herramientas.lab [--instructor]``: abre el JupyterLab del curso (lo que corre ``make lab``)."""

from __future__ import annotations

import argparse
import os

from herramientas.copia_trabajo import RAIZ, completar, copiar_resumen, primera_pendiente
from herramientas.lab import entorno, indicacion, orden


def main(argv: list[str] | None = None) -> None:
    analizador = argparse.ArgumentParser(prog="python -m herramientas.lab", description="Abre el curso en JupyterLab.")
    analizador.add_argument("--instructor", action="store_true",
                            help="el repositorio entero con las herramientas de nbgrader (Formgrader, Create Assignment…)")
    analizador.add_argument("--puerto", type=int, default=None)
    args = analizador.parse_args(argv)
    if args.instructor:
        partes = orden(RAIZ, puerto=args.puerto)
        print("JupyterLab del instructor sobre el repositorio, con Formgrader y Create Assignment en el menú Nbgrader.")
    else:
        trabajo = RAIZ / "trabajo"
        completar(RAIZ / "release", trabajo)
        copiar_resumen(trabajo)
        cuaderno = primera_pendiente(trabajo)
        abrir = cuaderno.relative_to(trabajo).as_posix() if cuaderno else None
        # Solo avisos del servidor: así el renglón de abajo y la dirección para entrar quedan a la vista.
        partes = orden(trabajo, estado=trabajo / ".jupyterlab", abrir=abrir, puerto=args.puerto,
                       extra=["--ServerApp.log_level=WARN", "--LabApp.log_level=WARN"])
        print(indicacion(f"trabajo/{abrir}" if abrir else "trabajo/"), flush=True)
    # El servidor lee nbgrader_config.py (botón Validate) del directorio de trabajo: la raíz del repositorio.
    os.chdir(RAIZ)
    os.execve(partes[0], partes, entorno(instructor=args.instructor))


if __name__ == "__main__":
    main()
