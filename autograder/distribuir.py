"""Arma lo que el instructor entrega a la clase: los cuadernos del estudiante, la rueda de ``course`` y un LEEME."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path

from .curso import RAIZ_REPO, asignaciones

__all__ = ["NOMBRE_PAQUETE", "construir_rueda", "distribuir", "LEEME"]

#: Nombre de la distribución del estudiante: solo el paquete ``course``.
NOMBRE_PAQUETE = "memoria-recurrente-curso"

LEEME = """# Memoria recurrente: las lecciones

Este zip trae todo lo que necesitas para el curso:

* `lecciones/`: los diez cuadernos, uno por carpeta (`01_problema_memoria`, …, `10_proyecto_final`);
* `{rueda}`: el paquete `course` que importan los cuadernos (pruebas con mensajes en español, paneles, gráficas y datos);
* `resumen.md`: una hoja con las formas, las ecuaciones, los conteos de parámetros y cómo se traduce todo a Keras y a PyTorch.

## Instalar (una sola vez)

Necesitas Python 3.11 o más nuevo. En una terminal, dentro de la carpeta donde descomprimiste el zip:

```bash
python3 -m venv .venv
source .venv/bin/activate          # en Windows: .venv\\Scripts\\activate
pip install {rueda}
```

Eso instala también JupyterLab, numpy, matplotlib, ipywidgets y nbgrader.

## Abrir las lecciones

```bash
source .venv/bin/activate
jupyter lab lecciones
```

En cada cuaderno ejecuta las celdas en orden, completa las celdas marcadas con `# TU CÓDIGO AQUÍ` y revisa tus respuestas
con el botón **Validate**. Desde la lección 03, una celda al principio te pide copiar tus funciones de lecciones anteriores.
Entrega el cuaderno (`.ipynb`) como te indique tu profesor; al calificar se agregan pruebas ocultas.
"""


def _proyecto() -> dict:
    return tomllib.loads((RAIZ_REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def construir_rueda(destino: Path) -> Path:
    """Construye, desde un árbol temporal con solo ``course/``, la rueda del estudiante en ``destino``."""
    proyecto = _proyecto()
    # Lo que el estudiante necesita para abrir y validar los cuadernos; nada del calificador.
    dependencias = [d for d in proyecto["dependencies"] if d.split(">")[0].split("<")[0].split("=")[0].strip() != "nbclient"]
    destino = Path(destino)
    destino.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="rueda-course-") as tmp:
        arbol = Path(tmp)
        shutil.copytree(RAIZ_REPO / "course", arbol / "course", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        lista = ", ".join(f'"{d}"' for d in dependencias)
        (arbol / "pyproject.toml").write_text(f'''[build-system]
requires = ["setuptools>=61", "wheel"]
build-backend = "setuptools.build_meta"

[project]
name = "{NOMBRE_PAQUETE}"
version = "{proyecto["version"]}"
description = "Memoria recurrente: el paquete que importan los cuadernos del curso (sin soluciones)"
requires-python = "{proyecto.get("requires-python", ">=3.11")}"
dependencies = [{lista}]

[tool.setuptools.packages.find]
include = ["course*"]

[tool.setuptools.package-data]
"course" = ["*.md"]
"course.datos" = ["*.json", "*.csv", "*.txt", "*.npz", "*.md"]
''', encoding="utf-8")
        subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--disable-pip-version-check", "--no-deps",
                        "--no-build-isolation", "--wheel-dir", str(destino), str(arbol)], check=True)
    (rueda,) = sorted(destino.glob(f"{NOMBRE_PAQUETE.replace('-', '_')}-*.whl"))
    return rueda


def distribuir(destino: Path | None = None, release: Path | None = None) -> Path:
    """Escribe ``destino/memoria-recurrente-estudiante.zip`` con ``lecciones/``, la rueda y ``LEEME.md``."""
    destino = Path(destino or RAIZ_REPO / "dist")
    release = Path(release or RAIZ_REPO / "release")
    destino.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="distribucion-") as tmp:
        rueda = construir_rueda(Path(tmp))
        salida = destino / "memoria-recurrente-estudiante.zip"
        with zipfile.ZipFile(salida, "w", compression=zipfile.ZIP_DEFLATED) as z:
            for asignacion in asignaciones():
                for archivo in sorted((release / asignacion).rglob("*")):
                    if archivo.is_file() and "__pycache__" not in archivo.parts and ".ipynb_checkpoints" not in archivo.parts:
                        z.write(archivo, f"lecciones/{archivo.relative_to(release)}")
            z.write(rueda, rueda.name)
            z.write(RAIZ_REPO / "course" / "resumen.md", "resumen.md")
            z.writestr("LEEME.md", LEEME.format(rueda=rueda.name))
    return salida
