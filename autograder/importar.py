"""Importación de entregas descargadas de Moodle, Canvas o Google Classroom (zip o carpeta) a ``submitted/``.

Convenciones de nombres que se reconocen (en el nombre del archivo o de cualquier carpeta de la ruta):

- Moodle: ``Nombre Apellido_123456_assignsubmission_file_/original.ipynb`` (carpeta por estudiante)
  o ``Nombre Apellido_123456_assignsubmission_file_original.ipynb`` (todo en una carpeta).
- Canvas: ``apellidonombre_123456_7890123_original.ipynb``, con ``_LATE_`` si llegó tarde y
  ``original-1.ipynb`` en los reenvíos.
- Google Classroom (descarga de la carpeta de Drive): ``Nombre Apellido - original.ipynb``, con
  ``original (1).ipynb`` en los duplicados.
- Carpeta simple: ``<id_estudiante>/original.ipynb`` (ids numéricos incluidos).

Los zips anidados se abren. Cuando hay varias versiones del mismo cuaderno gana la de mayor
número de reenvío y, a igualdad, la más reciente. Lo que no se puede colocar queda en el
informe con su razón. :class:`ColectorLMS` es el complemento para ``nbgrader zip_collect
--collector=autograder.importar.ColectorLMS``.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from nbgrader.plugins import FileNameCollectorPlugin

__all__ = ["Identificacion", "reconocer", "importar", "ColectorLMS", "identificador", "empaquetar"]

_MOODLE = re.compile(r"^(?P<nombre>.+?)_(?P<id>\d+)_assignsubmission_(?:file|onlinetext)_?(?P<resto>.*)$")
_CANVAS = re.compile(r"^(?P<login>[^\W_]+)(?P<tarde>_LATE)?_(?P<uid>\d+)_(?P<sid>\d+)_(?P<resto>.+)$")
_CLASSROOM = re.compile(r"^(?P<nombre>[^/]+?) - (?P<resto>.+)$")
_VERSION = re.compile(r"^(?P<base>.*?)(?: \((?P<n1>\d+)\)|-(?P<n2>\d+))$")
_SISTEMA = ("__MACOSX", ".DS_Store", "Thumbs.db", ".ipynb_checkpoints")


def identificador(nombre: str) -> str:
    """Id de estudiante seguro para carpetas: ASCII en minúsculas con guiones bajos (``José Núñez`` → ``jose_nunez``)."""
    sin_acentos = unicodedata.normalize("NFKD", nombre).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", sin_acentos.lower()).strip("_") or "sin_nombre"


@dataclass(frozen=True)
class Identificacion:
    """Qué dice el nombre de un archivo: de quién es, qué cuaderno y qué versión."""

    estudiante: str
    nombre: str  # nombre legible del estudiante
    original: str  # nombre del cuaderno sin el sufijo de reenvío (``01_x.ipynb``)
    version: int
    formato: str
    tarde: bool = False


def _version(archivo: str) -> tuple[str, int]:
    raiz, punto, extension = archivo.rpartition(".")
    if not punto:
        raiz, extension = archivo, ""
    coincidencia = _VERSION.match(raiz)
    if coincidencia:
        numero = coincidencia.group("n1") or coincidencia.group("n2")
        raiz = coincidencia.group("base")
        return f"{raiz}.{extension}" if extension else raiz, int(numero)
    return archivo, 0


def reconocer(ruta: str) -> Identificacion | None:
    """Identifica estudiante y cuaderno por la ruta relativa de un archivo extraído (None si no hay convención)."""
    partes = [unicodedata.normalize("NFC", p) for p in PurePosixPath(ruta.replace("\\", "/")).parts]
    archivo = partes[-1]
    for parte in reversed(partes):
        m = _MOODLE.match(parte)
        if m:
            original = m.group("resto") if parte == archivo else archivo
            original, version = _version(original or archivo)
            return Identificacion(f"{identificador(m.group('nombre'))}_{m.group('id')}", m.group("nombre"), original, version, "Moodle")
    m = _CANVAS.match(archivo)
    if m:
        original, version = _version(m.group("resto"))
        return Identificacion(m.group("login").lower(), m.group("login"), original, version, "Canvas", bool(m.group("tarde")))
    m = _CLASSROOM.match(archivo)
    if m:
        original, version = _version(m.group("resto"))
        return Identificacion(identificador(m.group("nombre")), m.group("nombre").strip(), original, version, "Google Classroom")
    if len(partes) >= 2 and re.fullmatch(r"[\w.\-]+", partes[-2]):
        original, version = _version(archivo)
        return Identificacion(partes[-2], partes[-2], original, version, "carpeta")
    return None


def _extraer(origen: Path, destino: Path, profundidad: int = 0) -> None:
    """Copia o descomprime ``origen`` en ``destino``; los zips anidados se abren en una carpeta con su nombre."""
    if origen.is_dir():
        shutil.copytree(origen, destino, dirs_exist_ok=True)
    else:
        with zipfile.ZipFile(origen) as z:
            for info in z.infolist():
                nombre = info.filename
                if info.flag_bits & 0x800 == 0:  # nombres cp437 de zips viejos: se intenta recuperar UTF-8
                    try:
                        nombre = nombre.encode("cp437").decode("utf-8")
                    except UnicodeError:
                        pass
                relativa = PurePosixPath(nombre)
                if relativa.is_absolute() or ".." in relativa.parts:
                    continue  # rutas que saldrían de la carpeta de extracción
                salida = destino.joinpath(*relativa.parts)
                if info.is_dir():
                    salida.mkdir(parents=True, exist_ok=True)
                    continue
                salida.parent.mkdir(parents=True, exist_ok=True)
                salida.write_bytes(z.read(info))
    if profundidad < 3:
        for anidado in sorted(destino.rglob("*.zip")):
            carpeta = anidado.with_suffix("")
            try:
                _extraer(anidado, carpeta, profundidad + 1)
                anidado.unlink()
            except zipfile.BadZipFile:
                pass  # queda como archivo no colocable


def importar(origen: Path, raiz: Path, asignacion: str) -> dict:
    """Coloca en ``raiz/submitted/<estudiante>/<asignacion>/`` cada cuaderno de ``origen`` (zip o carpeta).

    Devuelve y guarda en ``raiz/calificacion/importacion_<asignacion>.json`` el informe:
    ``{"colocadas": [...], "no_colocadas": [{"archivo", "razon", "estudiante"}]}``.
    """
    origen, raiz = Path(origen), Path(raiz)
    esperados = {p.name for p in (raiz / "source" / asignacion).glob("*.ipynb")} or {f"{asignacion}.ipynb"}
    trabajo = raiz / ".calificacion" / "importacion" / asignacion
    shutil.rmtree(trabajo, ignore_errors=True)
    trabajo.mkdir(parents=True)
    no_colocadas: list[dict] = []
    try:
        _extraer(origen, trabajo)
    except (zipfile.BadZipFile, OSError) as error:
        no_colocadas.append({"archivo": origen.name, "razon": f"no se pudo abrir el archivo ({error})", "estudiante": ""})

    candidatos: dict[tuple[str, str], list[tuple[int, float, Path, Identificacion]]] = {}
    for archivo in sorted(p for p in trabajo.rglob("*") if p.is_file()):
        relativa = archivo.relative_to(trabajo).as_posix()
        if any(s in relativa.split("/") for s in _SISTEMA) or archivo.name.startswith("._"):
            no_colocadas.append({"archivo": relativa, "razon": "archivo del sistema operativo (se ignora)", "estudiante": ""})
            continue
        ident = reconocer(relativa)
        if ident is None:
            no_colocadas.append({"archivo": relativa, "razon": "el nombre no sigue la convención de Moodle, Canvas ni Classroom",
                                 "estudiante": ""})
            continue
        if archivo.suffix.lower() == ".zip":
            no_colocadas.append({"archivo": relativa, "razon": "zip dañado: no se pudo abrir", "estudiante": ident.estudiante})
            continue
        if archivo.suffix.lower() != ".ipynb":
            no_colocadas.append({"archivo": relativa, "razon": f"no es un cuaderno de Jupyter ({archivo.suffix or 'sin extensión'})",
                                 "estudiante": ident.estudiante})
            continue
        clave = ident.original if ident.original in esperados else "?"
        candidatos.setdefault((ident.estudiante, clave), []).append((ident.version, archivo.stat().st_mtime, archivo, ident))

    colocadas: list[dict] = []
    por_estudiante: dict[str, list[str]] = {}
    for (estudiante, clave), versiones in sorted(candidatos.items()):
        versiones.sort(key=lambda v: (v[0], v[1], v[2].name))
        *viejas, (_, _, archivo, ident) = versiones
        if clave == "?" and any(c == (estudiante, e) for e in esperados for c in candidatos):
            # Ya entregó el cuaderno con su nombre correcto: los demás no se califican.
            for _, _, otro, _ in versiones:
                no_colocadas.append({"archivo": otro.relative_to(trabajo).as_posix(), "estudiante": estudiante,
                                     "razon": "cuaderno con otro nombre; ya entregó el cuaderno de la asignación"})
            continue
        nombre_destino = clave if clave != "?" else ident.original
        destino = raiz / "submitted" / estudiante / asignacion
        if clave == "?" and destino.exists() and estudiante in por_estudiante:
            no_colocadas.append({"archivo": archivo.relative_to(trabajo).as_posix(), "estudiante": estudiante,
                                 "razon": "otro cuaderno con nombre inesperado; ya se colocó uno"})
            continue
        if estudiante not in por_estudiante:
            shutil.rmtree(destino, ignore_errors=True)
        destino.mkdir(parents=True, exist_ok=True)
        shutil.copy2(archivo, destino / nombre_destino)
        por_estudiante.setdefault(estudiante, []).append(nombre_destino)
        colocadas.append({"estudiante": estudiante, "nombre": ident.nombre, "formato": ident.formato, "tarde": ident.tarde,
                          "archivo": archivo.relative_to(trabajo).as_posix(), "destino": nombre_destino,
                          "versiones_descartadas": [v[2].relative_to(trabajo).as_posix() for v in viejas]})
    informe = {"asignacion": asignacion, "origen": str(origen), "colocadas": colocadas, "no_colocadas": no_colocadas}
    ruta = raiz / "calificacion" / f"importacion_{asignacion}.json"
    ruta.parent.mkdir(parents=True, exist_ok=True)
    ruta.write_text(json.dumps(informe, ensure_ascii=False, indent=1), encoding="utf-8")
    shutil.rmtree(trabajo, ignore_errors=True)
    return informe


class ColectorLMS(FileNameCollectorPlugin):
    """Complemento recolector de ``nbgrader zip_collect`` que entiende Moodle, Canvas y Classroom a la vez.

    Una sola expresión regular no sirve para los tres (los grupos con nombre no pueden repetirse),
    así que se sustituye ``collect`` por :func:`reconocer`.
    """

    def collect(self, submitted_file: str) -> dict | None:
        if not submitted_file.endswith(tuple(self.valid_ext)):
            return None
        partes = PurePosixPath(submitted_file.replace("\\", "/")).parts
        # Solo importa la parte de la ruta dentro de «extracted/».
        relativa = "/".join(partes[partes.index("extracted") + 1:]) if "extracted" in partes else "/".join(partes[-2:])
        ident = reconocer(relativa)
        if ident is None:
            self.log.warning("No se reconoce el nombre: %s", submitted_file)
            return None
        return {"student_id": ident.estudiante, "file_id": ident.original, "first_name": ident.nombre}


def empaquetar(entregas: dict[str, tuple[str, bytes]], formato: str) -> bytes:
    """Arma un zip como el que descarga el LMS ``formato`` (``moodle``, ``canvas`` o ``classroom``).

    ``entregas``: ``{nombre del estudiante: (nombre del archivo, contenido)}``.
    """
    memoria = io.BytesIO()
    with zipfile.ZipFile(memoria, "w", zipfile.ZIP_DEFLATED) as z:
        for numero, (nombre, (archivo, datos)) in enumerate(sorted(entregas.items()), start=1):
            if formato == "moodle":
                z.writestr(f"{nombre}_{100 + numero}_assignsubmission_file_/{archivo}", datos)
            elif formato == "canvas":
                login = identificador(nombre).replace("_", "")
                z.writestr(f"{login}_{2000 + numero}_{900000 + numero}_{archivo}", datos)
            elif formato == "classroom":
                z.writestr(f"{nombre} - {archivo}", datos)
            else:
                raise ValueError(f"formato desconocido: {formato}")
    return memoria.getvalue()

