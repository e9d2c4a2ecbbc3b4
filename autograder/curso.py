"""Directorio de curso de nbgrader: generar versiones del estudiante, recibir entregas y calificarlas."""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import nbformat
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

__all__ = ["RAIZ_REPO", "asignaciones", "sincronizar_texto", "cargar_configuracion", "copiar_curso", "generar_release", "mensajes_de_pruebas", "meta_nbgrader", "CursoDeCalificacion"]

#: Raíz del repositorio del curso (donde están source/, release/ y nbgrader_config.py).
RAIZ_REPO = Path(__file__).resolve().parent.parent

# nbgrader crea el gradebook llamando al ejecutable `alembic`: debe estar en PATH.
_BIN = str(Path(sys.executable).parent)
if _BIN not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = _BIN + os.pathsep + os.environ.get("PATH", "")


def meta_nbgrader(celda) -> dict:
    """Los metadatos de nbgrader de una celda (``{}`` si no tiene o no son un diccionario).

    Tolera cualquier cuaderno: una celda que no es diccionario, ``metadata`` o ``nbgrader`` de
    otro tipo; ``grade_id`` se conserva solo si es texto (si no, se omite).
    """
    metadatos = celda.get("metadata") if isinstance(celda, dict) else None
    meta = metadatos.get("nbgrader") if isinstance(metadatos, dict) else None
    if not isinstance(meta, dict):
        return {}
    if "grade_id" in meta and not isinstance(meta["grade_id"], str):
        meta = {k: v for k, v in meta.items() if k != "grade_id"}
    return meta


def asignaciones(raiz: Path = RAIZ_REPO) -> list[str]:
    """Nombres de las asignaciones en ``raiz/source``, en orden."""
    return sorted(p.name for p in (Path(raiz) / "source").iterdir() if p.is_dir() and any(p.glob("*.ipynb")))


def sincronizar_texto(raiz: Path = RAIZ_REPO, cuales: list[str] | None = None) -> None:
    """Sincroniza cada lección con su gemelo de texto (jupytext, el más reciente manda) y le quita al ``.ipynb`` los
    metadatos ``jupytext`` que la sincronización copia del encabezado del ``.py`` (la configuración ya está en
    ``source/jupytext.toml``): así una lección sin cambios queda idéntica byte por byte."""
    from jupytext.cli import jupytext as cli

    cuadernos = [str(c) for a in (cuales or asignaciones(raiz)) for c in sorted((Path(raiz) / "source" / a).glob("*.ipynb"))]
    cli(["--sync", "--quiet", *cuadernos])
    for ruta in cuadernos:
        nb = nbformat.read(ruta, as_version=4)
        if nb.metadata.pop("jupytext", None) is not None:
            nbformat.write(nb, ruta)


def cargar_configuracion(raiz: Path, **extra) -> Config:
    """Lee ``nbgrader_config.py`` de ``raiz`` y fija ``CourseDirectory.root``.

    ``extra`` permite sobrescribir secciones: ``Execute={"timeout": 5}``.
    """
    raiz = Path(raiz).resolve()
    config = PyFileConfigLoader("nbgrader_config.py", path=str(raiz)).load_config()
    config.CourseDirectory.root = str(raiz)
    config.merge(Config(extra))
    return config


def copiar_curso(origen: Path, destino: Path, cuales: list[str], gradebook: bool = False) -> None:
    """Copia de ``origen`` a ``destino`` la configuración, las fuentes de ``cuales`` y, si se pide, el gradebook."""
    origen, destino = Path(origen), Path(destino)
    destino.mkdir(parents=True, exist_ok=True)
    shutil.copy2(origen / "nbgrader_config.py", destino / "nbgrader_config.py")
    for asignacion in cuales:
        shutil.copytree(origen / "source" / asignacion, destino / "source" / asignacion,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"), dirs_exist_ok=True)
    if gradebook:
        shutil.copy2(origen / "gradebook.db", destino / "gradebook.db")


def _api(raiz: Path, **extra):
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    config = cargar_configuracion(raiz, **extra)
    return NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)


def _exigir_exito(resultado: dict, que: str) -> dict:
    if not resultado.get("success"):
        raise RuntimeError(f"nbgrader falló al {que}:\n{resultado.get('error', '')}\n{resultado.get('log', '')}")
    return resultado


def generar_release(destino: Path, origen: Path = RAIZ_REPO, cuales: list[str] | None = None) -> list[Path]:
    """Genera con nbgrader la versión del estudiante de cada asignación y la deja en ``destino``.

    Trabaja en una copia temporal para no dejar gradebook ni bitácoras en el repositorio.
    Devuelve los cuadernos escritos.
    """
    origen, destino = Path(origen), Path(destino)
    cuales = cuales or asignaciones(origen)
    with tempfile.TemporaryDirectory(prefix="release-") as tmp:
        tmp = Path(tmp)
        copiar_curso(origen, tmp, cuales)
        api = _api(tmp, GenerateAssignment={"no_database": True}, SaveCells={"enabled": False})
        escritos = []
        for asignacion in cuales:
            _exigir_exito(api.generate_assignment(asignacion, force=True, create=False), f"generar {asignacion}")
            if (destino / asignacion).exists():
                shutil.rmtree(destino / asignacion)
            shutil.copytree(tmp / "release" / asignacion, destino / asignacion)
            escritos += sorted((destino / asignacion).glob("*.ipynb"))
    return escritos


class CursoDeCalificacion:
    """Un directorio de curso de nbgrader (temporal o del instructor) listo para calificar.

    Args:
        raiz: carpeta del curso; se crea si no existe.
        origen: repositorio de donde salen ``source/`` y ``nbgrader_config.py``.
        extra: configuración adicional de nbgrader (por ejemplo, tiempos límite).
    """

    def __init__(self, raiz: Path, origen: Path = RAIZ_REPO, **extra):
        self.raiz = Path(raiz).resolve()
        self.origen = Path(origen)
        self.extra = extra
        self._api = None

    @property
    def api(self):
        if self._api is None:
            self._api = _api(self.raiz, **self.extra)
        return self._api

    def preparar(self, cuales: list[str] | None = None) -> None:
        """Copia la configuración y las fuentes, y registra cada asignación en el gradebook."""
        cuales = cuales or asignaciones(self.origen)
        copiar_curso(self.origen, self.raiz, cuales)
        for asignacion in cuales:
            _exigir_exito(self.api.generate_assignment(asignacion, force=True, create=True), f"preparar {asignacion}")

    def entregar(self, estudiante: str, asignacion: str, cuaderno: Path, nombre: str | None = None) -> Path:
        """Coloca ``cuaderno`` como la entrega de ``estudiante`` (en ``submitted/``)."""
        carpeta = self.raiz / "submitted" / estudiante / asignacion
        carpeta.mkdir(parents=True, exist_ok=True)
        destino = carpeta / (nombre or f"{asignacion}.ipynb")
        shutil.copy2(cuaderno, destino)
        return destino

    def calificar(self, asignacion: str, estudiante: str) -> dict:
        """Autocalifica una entrega con nbgrader; devuelve ``{success, log, error}``."""
        return self.api.autograde(asignacion, estudiante, force=True, create=True)

    def puntajes(self, asignacion: str, estudiante: str, cuaderno: str | None = None) -> dict[str, tuple[float, float]]:
        """``{grade_id: (puntos obtenidos, puntos posibles)}`` de la entrega calificada."""
        from nbgrader.api import Gradebook

        cuaderno = cuaderno or asignacion
        with Gradebook(f"sqlite:///{self.raiz / 'gradebook.db'}") as gb:
            envio = gb.find_submission_notebook(cuaderno, asignacion, estudiante)
            return {g.name: (float(g.score), float(g.max_score)) for g in envio.grades}

    def mensajes(self, asignacion: str, estudiante: str, cuaderno: str | None = None) -> dict[str, str]:
        """``{grade_id: texto del error}`` de cada celda de prueba que falló al calificar."""
        ruta = self.raiz / "autograded" / estudiante / asignacion / f"{cuaderno or asignacion}.ipynb"
        return mensajes_de_pruebas(json.loads(ruta.read_text(encoding="utf-8")))


def mensajes_de_pruebas(nb: dict) -> dict[str, str]:
    """``{grade_id: texto}`` de cada celda de prueba calificada de ``nb`` (JSON) que falló.

    El texto es ``Error: mensaje`` por cada error; si la celda no tiene errores pero escribió
    en stderr (nbgrader la califica con cero), lo dice.
    """
    salida = {}
    for celda in nb["cells"]:
        meta = meta_nbgrader(celda)
        if not meta.get("grade") or not meta.get("grade_id"):
            continue
        salidas = celda.get("outputs", [])
        errores = [f"{o['ename']}: {o['evalue']}".strip() for o in salidas if o.get("output_type") == "error"]
        if errores:
            salida[meta["grade_id"]] = "\n".join(errores)
        elif any(o.get("name") == "stderr" for o in salidas):
            salida[meta["grade_id"]] = "la celda escribió en stderr"
    return salida
