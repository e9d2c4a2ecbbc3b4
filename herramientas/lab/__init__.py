"""JupyterLab del curso: en español, sin herramientas del instructor para el estudiante, abierto en su lección."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import quote

__all__ = ["AJUSTES", "ESTUDIANTE", "orden", "entorno", "indicacion"]

CARPETA = Path(__file__).resolve().parent
#: overrides.json del proyecto: idioma español, sin ventana de noticias, estado de los widgets guardado.
AJUSTES = CARPETA / "ajustes"
#: JUPYTER_CONFIG_DIR del estudiante: extensiones de instructor de nbgrader apagadas, CSS del diálogo Validate.
ESTUDIANTE = CARPETA / "estudiante"


def orden(raiz: Path, estado: Path | None = None, abrir: str | None = None, puerto: int | None = None,
          extra: list[str] = ()) -> list[str]:
    """La orden ``jupyter lab`` del curso.

    Args:
        raiz: carpeta que muestra JupyterLab (``trabajo/`` del estudiante; el repositorio para el instructor).
        estado: carpeta para los ajustes que cambie el usuario y sus espacios de trabajo (None: los de su cuenta).
        abrir: cuaderno (relativo a ``raiz``) que se abre al entrar.
    """
    partes = [
        sys.executable, "-m", "jupyter", "lab",
        f"--ServerApp.root_dir={raiz}",
        f"--LabApp.app_settings_dir={AJUSTES}",
    ]
    if estado:
        partes += [f"--LabApp.user_settings_dir={estado / 'ajustes'}", f"--LabApp.workspaces_dir={estado / 'espacios'}"]
    if abrir:
        partes.append(f"--LabApp.default_url=/lab/tree/{quote(abrir)}")
    if puerto:
        partes.append(f"--ServerApp.port={puerto}")
    if os.geteuid() == 0:  # Jupyter se niega a correr como root sin este permiso (contenedores, CI)
        partes.append("--ServerApp.allow_root=True")
    return partes + list(extra)


def entorno(instructor: bool = False, base: dict[str, str] | None = None) -> dict[str, str]:
    """Variables del proceso de JupyterLab: el ``bin`` del entorno en PATH (nbgrader llama a ``alembic``)
    y, para el estudiante, la configuración propia del curso en lugar de ``~/.jupyter``."""
    variables = dict(os.environ if base is None else base)
    variables["PATH"] = str(Path(sys.executable).parent) + os.pathsep + variables.get("PATH", "")
    if not instructor:
        variables["JUPYTER_CONFIG_DIR"] = str(ESTUDIANTE)
    return variables


def indicacion(cuaderno: str) -> str:
    """El único renglón que imprime ``make lab``: qué hacer ahora."""
    return (f"Se abre JupyterLab en {cuaderno}: ejecuta las celdas en orden, completa cada «# TU CÓDIGO AQUÍ», "
            "revisa con el botón Validate y, cuando quieras tu calificación, corre `make calificar-mi-trabajo` "
            "(Ctrl+C aquí cierra el laboratorio).")
