"""Importación a ``submitted/`` de las entregas descargadas de Moodle, Canvas o Google Classroom (zip o carpeta)."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import tempfile
import time
import unicodedata
import warnings
import zipfile
import zlib
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import IO, Callable

from anyascii import anyascii
from nbgrader.plugins import FileNameCollectorPlugin
from traitlets import Unicode

__all__ = ["LimitesImportacion", "Identificacion", "reconocer", "importar", "ColectorLMS", "identificador", "empaquetar"]

MIB = 1 << 20

# Lo que escribe el LMS (la única parte de la ruta en la que se confía para saber de quién es una entrega).
_MOODLE_CARPETA = re.compile(r"^(?P<nombre>.+)_(?P<id>\d+)_assignsubmission_[a-z]+_?$")
_MOODLE = re.compile(r"^(?P<nombre>.+?)_(?P<id>\d+)_assignsubmission_[a-z]+_(?P<resto>.*)$", re.S)
_CANVAS = re.compile(r"^(?P<login>[^\W_]+)(?P<tarde>_LATE)?_(?P<id>\d+)_(?P<envio>\d+)_(?P<resto>.+)$", re.S)
_CLASSROOM = re.compile(r"^(?P<nombre>[^/]+?) - (?P<resto>.+)$", re.S)
_ID_SIMPLE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_VERSION = re.compile(r"^(?P<base>.*?)(?: \((?P<n1>\d+)\)|-(?P<n2>\d+))$")
_SISTEMA = ("__MACOSX", ".DS_Store", "Thumbs.db", "desktop.ini", ".ipynb_checkpoints")

MOODLE, CANVAS, CLASSROOM, CARPETA = "Moodle", "Canvas", "Google Classroom", "carpeta"


@dataclass(frozen=True)
class LimitesImportacion:
    """Límites de lo que se extrae (se comprueban en los encabezados del zip y otra vez al leer: pueden mentir)."""

    cuaderno: int = 20 * MIB  # bytes por cuaderno
    zip_anidado: int = 200 * MIB  # bytes por zip dentro de la entrega de un estudiante
    total: int = 2048 * MIB  # bytes extraídos en toda la importación
    profundidad: int = 3  # zips dentro de zips dentro de la entrega
    entradas: int = 50_000  # entradas por zip


def identificador(nombre: str) -> str:
    """Id de estudiante seguro para carpetas: ASCII en minúsculas con guiones bajos (``José Núñez`` → ``jose_nunez``).

    Translitera cualquier escritura (``Дмитрий`` → ``dmitriy``, ``王小明`` → ``wangxiaoming``).
    """
    ascii_ = anyascii(unicodedata.normalize("NFC", nombre))
    return re.sub(r"[^a-z0-9]+", "_", ascii_.lower()).strip("_") or "sin_nombre"


@dataclass(frozen=True)
class Identificacion:
    """De quién es un archivo según la parte de su ruta que escribe el LMS, y qué cuaderno y versión es.

    ``clave`` es lo que identifica al estudiante en el LMS (id de Moodle, id de usuario de Canvas,
    nombre exacto en Classroom, nombre de la carpeta); ``estudiante`` es su carpeta en ``submitted/``
    (a la que :func:`importar` añade un sufijo estable si dos claves distintas darían la misma).
    """

    estudiante: str
    nombre: str  # nombre legible del estudiante
    original: str  # nombre del cuaderno sin el sufijo de reenvío (``01_x.ipynb``)
    version: int
    formato: str
    tarde: bool = False
    clave: str = ""

    @property
    def llave(self) -> tuple[str, str]:
        return self.formato, self.clave


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


def _partes(ruta: str) -> tuple[str, ...]:
    return tuple(unicodedata.normalize("NFC", p) for p in PurePosixPath(ruta.replace("\\", "/")).parts if p not in ("", "/"))


def _unidad(primera: str, es_carpeta: bool) -> tuple[Identificacion, str] | None:
    """Identidad de una entrada del nivel superior de la descarga y, si es un archivo, su nombre sin el prefijo del LMS."""
    if es_carpeta:
        m = _MOODLE_CARPETA.match(primera)
        if m:
            nombre = m.group("nombre")
            return Identificacion(f"{identificador(nombre)}_{m.group('id')}", nombre, "", 0, MOODLE, clave=m.group("id")), ""
    opciones = []  # (dónde termina el prefijo, identidad, resto)
    m = _MOODLE.match(primera)
    if m:
        nombre = m.group("nombre")
        opciones.append((m.start("resto"), Identificacion(f"{identificador(nombre)}_{m.group('id')}", nombre, "", 0, MOODLE,
                                                          clave=m.group("id")), m.group("resto")))
    if es_carpeta and not opciones:
        estudiante = primera if _ID_SIMPLE.match(primera) else identificador(primera)
        return Identificacion(estudiante, primera, "", 0, CARPETA, clave=primera), ""
    m = _CANVAS.match(primera)
    if m and not es_carpeta:
        login = m.group("login")
        opciones.append((m.start("resto"), Identificacion(f"{identificador(login)}_{m.group('id')}", login, "", 0, CANVAS,
                                                          bool(m.group("tarde")), clave=m.group("id")), m.group("resto")))
    m = _CLASSROOM.match(primera)
    if m and not es_carpeta:
        nombre = m.group("nombre").strip()
        opciones.append((m.start("resto"), Identificacion(identificador(nombre), nombre, "", 0, CLASSROOM, clave=nombre),
                         m.group("resto")))
    if not opciones:
        return None
    # El LMS escribe su prefijo al principio; lo que se parezca a otro prefijo más adelante lo escribió el estudiante.
    _, ident, resto = min(opciones, key=lambda o: o[0])
    return ident, resto


def _dice_ser(parte: str, carpeta: bool) -> Identificacion | None:
    """La identidad que dice tener un nombre elegido por el estudiante (de archivo, subcarpeta o zip)."""
    if carpeta and _MOODLE_CARPETA.match(parte):
        return _unidad(parte, True)[0]
    encontrada = _unidad(parte, False)
    if encontrada is None and carpeta:
        encontrada = _unidad(parte, True)
    return encontrada[0] if encontrada else None


def reconocer(ruta: str) -> Identificacion | None:
    """Identifica estudiante y cuaderno por la ruta de un archivo relativa a la raíz de la descarga (None si no hay convención).

    Solo cuenta el primer componente, el que escribe el LMS:

    - Moodle: carpeta ``Nombre Apellido_123456_assignsubmission_file_/…`` o archivo
      ``Nombre Apellido_123456_assignsubmission_file_original.ipynb`` (la primera aparición).
    - Canvas: ``login_123456_7890123_original.ipynb``, con ``_LATE`` tras el login si llegó tarde y
      ``original-1.ipynb`` en los reenvíos.
    - Google Classroom (carpeta de Drive): ``Nombre Apellido - original.ipynb`` (``original (1).ipynb`` en duplicados).
    - Carpeta simple: ``<id_estudiante>/…`` (ids numéricos incluidos; un nombre con acentos o espacios se translitera).

    Lo que hay dentro (subcarpetas, zips, nombres de archivo) pertenece a ese estudiante, diga lo que diga.
    """
    partes = _partes(ruta)
    if not partes:
        return None
    encontrada = _unidad(partes[0], len(partes) > 1)
    if encontrada is None:
        return None
    ident, resto = encontrada
    archivo = resto if len(partes) == 1 else partes[-1]
    propio = _dice_ser(archivo, False)
    if propio is not None and propio.llave == ident.llave:
        archivo = _unidad(archivo, False)[1]  # el estudiante volvió a subir un archivo descargado de su propia entrega
    original, version = _version(archivo)
    return replace(ident, original=original, version=version)


# ---------------------------------------------------------------------------------------------
# Lectura acotada de la descarga


@dataclass
class _Entrada:
    """Un archivo (o carpeta) de la descarga o de un zip anidado."""

    partes: tuple[str, ...]  # ruta relativa, con los zips anidados como componentes
    tamano: int  # lo que dice el encabezado (o el disco)
    fecha: tuple
    abrir: Callable[[], IO[bytes]] | None  # None: carpeta o enlace
    carpeta: bool = False
    enlace: bool = False

    @property
    def ruta(self) -> str:
        return "/".join(self.partes)


class _Excedido(Exception):
    """Se superó un límite al leer (el encabezado mentía o se agotó el total)."""


_ILEGIBLE = (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError)


def _por_que(error: BaseException) -> str:
    """Causa en español de un error al leer un zip."""
    texto = str(error)
    if isinstance(error, FileNotFoundError):
        return "no existe"
    if "CRC" in texto:
        return "su contenido no coincide con el encabezado del zip"
    if "encrypted" in texto or "password" in texto:
        return "está cifrado con contraseña"
    if isinstance(error, NotImplementedError):
        return "usa un método de compresión que no se puede leer"
    if "not a zip file" in texto:
        return "no es un zip válido"
    return "está dañado o incompleto"


class _Presupuesto:
    """Bytes que aún se pueden extraer en toda la importación."""

    def __init__(self, total: int):
        self.restante = total

    def copiar(self, fuente: IO[bytes], destino: Path, limite: int) -> str:
        """Copia ``fuente`` a ``destino`` sin pasar de ``limite`` ni del total; devuelve el sha256 del contenido."""
        resumen = hashlib.sha256()
        escritos = 0
        try:
            with destino.open("wb") as salida:
                while True:
                    bloque = fuente.read(MIB)
                    if not bloque:
                        break
                    escritos += len(bloque)
                    if escritos > limite or escritos > self.restante:
                        raise _Excedido("total" if escritos > self.restante and escritos <= limite else "entrada")
                    resumen.update(bloque)
                    salida.write(bloque)
        except BaseException:
            destino.unlink(missing_ok=True)
            raise
        self.restante -= escritos
        return resumen.hexdigest()


def _nombre_en_zip(info: zipfile.ZipInfo) -> str:
    nombre = info.filename
    if info.flag_bits & 0x800 == 0:  # nombres cp437 de zips viejos: se intenta recuperar UTF-8
        try:
            nombre = nombre.encode("cp437").decode("utf-8")
        except UnicodeError:
            pass
    return nombre


def _entradas_zip(z: zipfile.ZipFile, prefijo: tuple[str, ...], limites: LimitesImportacion,
                  informe: Callable[[str, str], None]) -> list[_Entrada]:
    infos = z.infolist()
    if len(infos) > limites.entradas:
        raise _Excedido(f"el zip tiene {len(infos)} entradas (el límite es {limites.entradas})")
    salida = []
    for info in infos:
        nombre = _nombre_en_zip(info)
        partes = _partes(nombre)
        if nombre.startswith(("/", "\\")) or ".." in partes or (partes and re.match(r"^[A-Za-z]:$", partes[0])):
            informe("/".join(prefijo + partes) or nombre, "ruta insegura dentro del zip (se ignora)")
            continue
        if not partes:
            continue
        enlace = (info.external_attr >> 16) & 0o170000 == 0o120000
        salida.append(_Entrada(prefijo + partes, info.file_size, info.date_time,
                               None if info.is_dir() or enlace else (lambda i=info: z.open(i)), info.is_dir(), enlace))
    return salida


def _entradas_carpeta(carpeta: Path) -> list[_Entrada]:
    salida = []
    for actual, carpetas, archivos in os.walk(carpeta, followlinks=False):
        base = Path(actual)
        for nombre in sorted(carpetas):
            ruta = base / nombre
            if ruta.is_symlink():
                salida.append(_Entrada(_partes(ruta.relative_to(carpeta).as_posix()), 0, (1980, 1, 1, 0, 0, 0), None, enlace=True))
            elif not any(ruta.iterdir()):
                salida.append(_Entrada(_partes(ruta.relative_to(carpeta).as_posix()), 0, (1980, 1, 1, 0, 0, 0), None, True))
        for nombre in sorted(archivos):
            ruta = base / nombre
            partes = _partes(ruta.relative_to(carpeta).as_posix())
            if ruta.is_symlink() or not ruta.is_file():
                salida.append(_Entrada(partes, 0, (1980, 1, 1, 0, 0, 0), None, enlace=True))
                continue
            estado = ruta.stat()
            salida.append(_Entrada(partes, estado.st_size, time.localtime(estado.st_mtime)[:6], lambda r=ruta: r.open("rb")))
    return salida


def _es_sistema(partes: tuple[str, ...]) -> bool:
    return any(p in _SISTEMA for p in partes) or partes[-1].startswith("._")


def _quitar_envoltura(entradas: list[_Entrada]) -> list[_Entrada]:
    """Quita la carpeta que envuelve toda la descarga (la de Drive, o la que el instructor comprimió).

    Solo si no es ella misma la entrega de un estudiante (de Moodle o con id numérico) y dentro hay
    al menos dos estudiantes reconocibles por la convención de un LMS, o solo carpetas.
    """
    utiles = [e for e in entradas if not _es_sistema(e.partes)]
    primeras = {e.partes[0] for e in utiles}
    if len(primeras) != 1 or any(len(e.partes) < 2 and not e.carpeta for e in utiles):
        return entradas
    (envoltura,) = primeras
    if _MOODLE_CARPETA.match(envoltura) or _MOODLE.match(envoltura) or envoltura.isdigit():
        return entradas  # la entrega de un estudiante de Moodle, o la carpeta de un id numérico
    hijos = [e for e in utiles if len(e.partes) >= 2]
    carpetas = {e.partes[1] for e in hijos if len(e.partes) > 2 or e.carpeta}
    archivos = {e.partes[1] for e in hijos if len(e.partes) == 2 and not e.carpeta}
    lms = set()
    for e in hijos:
        encontrada = _unidad(e.partes[1], len(e.partes) > 2 or e.carpeta)
        if encontrada and encontrada[0].formato != CARPETA:
            lms.add(encontrada[0].llave)
    if len(lms) >= 2 or (len(carpetas) >= 2 and not archivos):
        return [replace(e, partes=e.partes[1:]) for e in entradas if len(e.partes) > 1]
    return entradas


# ---------------------------------------------------------------------------------------------
# Plan: de quién es cada archivo y cuál se califica


@dataclass
class _Candidato:
    ident: Identificacion
    ruta: str  # ruta lógica en la descarga (para el informe)
    fecha: tuple
    archivo: Path  # copia extraída y acotada
    sha: str


@dataclass
class _Plan:
    estudiantes: dict[tuple[str, str], Identificacion] = field(default_factory=dict)
    candidatos: list[_Candidato] = field(default_factory=list)
    no_colocadas: list[dict] = field(default_factory=list)

    def descartar(self, archivo: str, razon: str, estudiante: str = "") -> None:
        self.no_colocadas.append({"archivo": archivo, "razon": razon, "estudiante": estudiante})


def _mib(n: int) -> str:
    return f"{n / MIB:.0f} MiB" if n >= MIB else f"{n} bytes"


def _exacto(ident: Identificacion) -> bool:
    """Si su carpeta es un id que escribió el LMS (con su número, o el nombre de una carpeta simple), no derivado de un nombre."""
    return ident.formato in (MOODLE, CANVAS) or (ident.formato == CARPETA and ident.estudiante == ident.clave)


def _asignar_ids(llaves: dict[tuple[str, str], Identificacion]) -> dict[tuple[str, str], Identificacion]:
    """Carpeta de cada estudiante: dos claves distintas del LMS nunca comparten carpeta.

    Si chocan, conserva la suya el único id exacto (si lo hay) y los demás llevan un sufijo estable
    calculado de su clave exacta en el LMS (``jose_nunez_1a2b3c``).
    """
    por_id: dict[str, list[tuple[str, str]]] = {}
    for llave, ident in sorted(llaves.items()):
        por_id.setdefault(ident.estudiante, []).append(llave)
    usados = set(por_id)
    salida = {}
    for base, ls in por_id.items():
        exactos = [l for l in ls if _exacto(llaves[l])]
        for llave in ls:
            ident = llaves[llave]
            if len(ls) > 1 and exactos != [llave]:
                resumen = hashlib.sha256("\0".join(llave).encode()).hexdigest()
                largo = 6
                while f"{base}_{resumen[:largo]}" in usados:
                    largo += 6
                ident = replace(ident, estudiante=f"{base}_{resumen[:largo]}")
                usados.add(ident.estudiante)
            salida[llave] = ident
    return salida


def _unidades(entradas: list[_Entrada], plan: _Plan) -> dict[str, tuple[Identificacion, list[_Entrada]]]:
    """Agrupa las entradas por el componente del nivel superior (la entrega de un estudiante en el LMS)."""
    unidades: dict[str, tuple[Identificacion, list[_Entrada]]] = {}
    for e in entradas:
        if _es_sistema(e.partes[:1]) or (len(e.partes) == 1 and _es_sistema(e.partes)):
            if not e.carpeta:
                plan.descartar(e.ruta, "archivo del sistema operativo (se ignora)")
            continue
        primera = e.partes[0]
        # Un zip del nivel superior es un archivo que subió el estudiante aunque ya esté extraído (zip_collect).
        es_carpeta = (len(e.partes) > 1 or e.carpeta) and not primera.lower().endswith(".zip")
        encontrada = _unidad(primera, es_carpeta)
        if encontrada is None:
            plan.descartar(e.ruta, "el nombre no sigue la convención de Moodle, Canvas ni Classroom (no se sabe de quién es)")
            continue
        clave = primera + ("/" if es_carpeta else "")
        unidades.setdefault(clave, (encontrada[0], []))[1].append(e)
    return unidades


def _planificar(entradas: list[_Entrada], trabajo: Path, limites: LimitesImportacion, abrir_zips: bool = True,
                conocidas: frozenset[tuple[str, str]] = frozenset()) -> _Plan:
    """Decide de quién es cada archivo (solo por el nivel superior) y extrae, acotados, los cuadernos.

    ``conocidas``: claves del LMS de otras descargas del mismo lote (para reconocer suplantaciones).
    """
    plan = _Plan()
    entradas = _quitar_envoltura(entradas)
    presupuesto = _Presupuesto(limites.total)
    unidades = _unidades(entradas, plan)
    # Una clave del LMS es un estudiante; su nombre legible, el primero en orden (el LMS escribe siempre el mismo).
    llaves: dict[tuple[str, str], Identificacion] = {}
    for clave in sorted(unidades):
        ident = unidades[clave][0]
        previa = llaves.get(ident.llave)
        llaves[ident.llave] = replace(previa, tarde=previa.tarde or ident.tarde) if previa else ident
    plan.estudiantes = _asignar_ids(llaves)

    def reclamo(partes: tuple[str, ...], propio: Identificacion, final: bool) -> Identificacion | None:
        for i, parte in enumerate(partes):
            carpeta = i < len(partes) - 1 or not final
            otra = _dice_ser(parte, carpeta)
            if otra is None or otra.llave == propio.llave:
                continue
            # Moodle escribe un patrón inconfundible; los demás solo cuentan si nombran a alguien de esta descarga.
            if otra.formato == MOODLE or otra.llave in plan.estudiantes or otra.llave in conocidas:
                return otra
        return None

    contador = iter(range(1, 10**9))

    def procesar(e: _Entrada, ident: Identificacion, partes_propias: tuple[str, ...], profundidad: int) -> None:
        estudiante = plan.estudiantes[ident.llave]
        ruta = e.ruta
        if e.enlace:
            plan.descartar(ruta, "enlace simbólico (se ignora)", estudiante.estudiante)
            return
        if e.carpeta:
            return
        if _es_sistema(partes_propias or e.partes[-1:]):
            plan.descartar(ruta, "archivo del sistema operativo (se ignora)", estudiante.estudiante)
            return
        otra = reclamo(partes_propias, estudiante, True)
        if otra is not None:
            plan.descartar(ruta, f"el archivo dice ser de otra persona («{otra.nombre}», {otra.formato} {otra.clave}); "
                                 "no se califica", estudiante.estudiante)
            return
        nombre = partes_propias[-1] if partes_propias else e.partes[-1]
        extension = PurePosixPath(nombre).suffix.lower()
        if extension == ".zip":
            if not abrir_zips:
                plan.descartar(ruta, "zip anidado (nbgrader ya lo extrajo)", estudiante.estudiante)
                return
            if profundidad >= limites.profundidad:
                plan.descartar(ruta, f"zips anidados demasiado profundos (más de {limites.profundidad} niveles)",
                               estudiante.estudiante)
                return
            if e.tamano > limites.zip_anidado:
                plan.descartar(ruta, f"zip anidado demasiado grande: {_mib(e.tamano)} (el límite es "
                                     f"{_mib(limites.zip_anidado)})", estudiante.estudiante)
                return
            temporal = trabajo / f"{next(contador):06d}.zip"
            try:
                with e.abrir() as fuente:
                    presupuesto.copiar(fuente, temporal, limites.zip_anidado)
                with zipfile.ZipFile(temporal) as z:
                    internas = _entradas_zip(z, e.partes, limites,
                                             lambda r, razon: plan.descartar(r, razon, estudiante.estudiante))
                    if not internas:
                        plan.descartar(ruta, "zip vacío", estudiante.estudiante)
                    for interna in internas:
                        procesar(interna, ident, partes_propias + interna.partes[len(e.partes):], profundidad + 1)
            except _Excedido as error:
                plan.descartar(ruta, _razon_excedido(error, limites.zip_anidado, limites, "zip anidado"),
                               estudiante.estudiante)
            except _ILEGIBLE as error:
                plan.descartar(ruta, f"zip dañado: no se pudo abrir ({_por_que(error)})", estudiante.estudiante)
            finally:
                temporal.unlink(missing_ok=True)
            return
        if extension != ".ipynb":
            plan.descartar(ruta, f"no es un cuaderno de Jupyter ({PurePosixPath(nombre).suffix or 'sin extensión'})",
                           estudiante.estudiante)
            return
        if e.tamano > limites.cuaderno:
            plan.descartar(ruta, f"cuaderno demasiado grande: {_mib(e.tamano)} (el límite es {_mib(limites.cuaderno)})",
                           estudiante.estudiante)
            return
        if e.tamano > presupuesto.restante:
            plan.descartar(ruta, f"se alcanzó el límite total de la importación ({_mib(limites.total)}); no se extrajo",
                           estudiante.estudiante)
            return
        destino = trabajo / f"{next(contador):06d}.ipynb"
        try:
            with e.abrir() as fuente:
                sha = presupuesto.copiar(fuente, destino, limites.cuaderno)
        except _Excedido as error:
            plan.descartar(ruta, _razon_excedido(error, limites.cuaderno, limites, "cuaderno"), estudiante.estudiante)
            return
        except _ILEGIBLE as error:
            plan.descartar(ruta, f"archivo dañado dentro del zip ({_por_que(error)})", estudiante.estudiante)
            return
        propio = _dice_ser(nombre, False)
        if propio is not None and propio.llave == estudiante.llave:
            nombre = _unidad(nombre, False)[1]  # volvió a subir un archivo descargado de su propia entrega
        original, version = _version(nombre)
        plan.candidatos.append(_Candidato(replace(estudiante, original=original, version=version), ruta, e.fecha, destino, sha))

    for clave in sorted(unidades):
        ident, lista = unidades[clave]
        estudiante = plan.estudiantes[ident.llave]
        archivos = [e for e in lista if not e.carpeta]
        if not archivos:
            plan.descartar(clave, "carpeta vacía: no contiene archivos", estudiante.estudiante)
            continue
        for e in archivos:
            # Lo que el estudiante eligió: el nombre de su archivo (sin el prefijo del LMS) o lo que hay bajo su carpeta.
            propias = e.partes[1:] if clave.endswith("/") else (_unidad(e.partes[0], False)[1], *e.partes[1:])
            procesar(e, ident, propias, 0)
    return plan


def _razon_excedido(error: _Excedido, limite: int, limites: LimitesImportacion, que: str) -> str:
    if str(error) == "total":
        return f"se alcanzó el límite total de la importación ({_mib(limites.total)}); no se extrajo"
    if str(error) == "entrada":
        return f"{que} demasiado grande: más de {_mib(limite)} al descomprimirlo (el encabezado del zip decía menos)"
    return str(error)


def _elegir(plan: _Plan, esperados: set[str] | None) -> tuple[list[tuple[_Candidato, str, list[_Candidato]]], list[dict]]:
    """Un cuaderno por estudiante y nombre esperado (o por nombre, si ``esperados`` es None); lo demás, al informe con su razón."""
    por_nombre = {e.casefold(): e for e in esperados or ()}
    grupos: dict[tuple[str, str], list[_Candidato]] = {}
    for c in plan.candidatos:
        nombre = _nombre_seguro(c.ident.original)
        clave = nombre if esperados is None else por_nombre.get(nombre.casefold(), "?")
        grupos.setdefault((c.ident.estudiante, clave), []).append(c)
    elegidos = []
    descartes = []
    con_esperado = {e for e, clave in grupos if clave != "?"}
    for (estudiante, clave), versiones in sorted(grupos.items()):
        versiones.sort(key=lambda c: (c.ident.version, c.fecha, c.ruta))
        *viejas, ganador = versiones
        if clave == "?" and estudiante in con_esperado:
            for c in versiones:
                descartes.append({"archivo": c.ruta, "estudiante": estudiante,
                                  "razon": "cuaderno con otro nombre; ya entregó el cuaderno de la asignación"})
            continue
        vistos = {ganador.sha: ganador.ruta}
        for c in reversed(viejas):
            if c.sha in vistos:
                razon = f"duplicado: mismo contenido que «{vistos[c.sha]}»"
            elif clave == "?" and c.ident.original != ganador.ident.original:
                razon = f"otro cuaderno con nombre inesperado; se califica «{ganador.ruta}»"
            else:
                razon = f"versión anterior (reenvío reemplazado); se califica «{ganador.ruta}»"
            vistos.setdefault(c.sha, c.ruta)
            descartes.append({"archivo": c.ruta, "estudiante": estudiante, "razon": razon})
        destino = clave if clave != "?" else _nombre_seguro(ganador.ident.original)
        elegidos.append((ganador, destino, viejas))
    return elegidos, descartes


def _nombre_seguro(original: str) -> str:
    """Nombre de archivo para un cuaderno con nombre inesperado: sin separadores ni controles, con ``.ipynb``."""
    base = re.sub(r"[\x00-\x1f/\\:]+", "_", PurePosixPath(original.replace("\\", "/")).name).strip(" .")
    raiz = base[: -len(".ipynb")] if base.lower().endswith(".ipynb") else base
    return (raiz[:150] or "cuaderno") + ".ipynb"


def _partir_nombre(nombre: str, formato: str) -> tuple[str, str]:
    """(nombre de pila, apellidos) para el gradebook: el LMS solo da el nombre completo (o el login de Canvas)."""
    palabras = nombre.split()
    if formato == CANVAS or len(palabras) < 2:
        return "", nombre  # el login de Canvas es «apellidonombre»: va completo como apellido
    return palabras[0], " ".join(palabras[1:])


def _registrar_en_gradebook(raiz: Path, estudiantes: dict[str, dict]) -> None:
    """Da de alta a cada estudiante en el gradebook del curso con el nombre del LMS (Formgrader lo muestra)."""
    from nbgrader.api import Gradebook

    from . import curso  # noqa: F401  (pone ``alembic`` en PATH: nbgrader lo llama al crear el gradebook)

    with warnings.catch_warnings(), Gradebook(f"sqlite:///{raiz / 'gradebook.db'}") as gb:
        warnings.simplefilter("ignore")
        for estudiante, datos in sorted(estudiantes.items()):
            gb.update_or_create_student(estudiante, first_name=datos["nombre_pila"], last_name=datos["apellidos"])


def _fuente(origen: Path, pila: ExitStack, limites: LimitesImportacion, plan: _Plan) -> list[_Entrada]:
    if origen.is_dir():
        return _entradas_carpeta(origen)
    z = pila.enter_context(zipfile.ZipFile(origen))
    return _entradas_zip(z, (), limites, plan.descartar)


def importar(origen: Path, raiz: Path, asignacion: str, limites: LimitesImportacion = LimitesImportacion(),
             gradebook: bool = True) -> dict:
    """Coloca en ``raiz/submitted/<estudiante>/<asignacion>/`` cada cuaderno de ``origen`` (zip o carpeta).

    El estudiante sale solo del nivel superior de la descarga (ver :func:`reconocer`); cada clave del
    LMS es un estudiante distinto. Cuando hay varias versiones del mismo cuaderno gana la de mayor
    número de reenvío y, a igualdad, la más reciente. Si ``gradebook``, registra a cada estudiante
    con su nombre en ``raiz/gradebook.db``.

    Devuelve y guarda en ``raiz/calificacion/importacion_<asignacion>.json`` el informe:
    ``{"estudiantes": {id: {...}}, "colocadas": [...], "no_colocadas": [{"archivo", "razon", "estudiante"}]}``;
    todo archivo que no se coloca está en ``no_colocadas`` con su razón.
    """
    origen, raiz = Path(origen), Path(raiz)
    esperados = {p.name for p in (raiz / "source" / asignacion).glob("*.ipynb")} or {f"{asignacion}.ipynb"}
    trabajo = raiz / ".calificacion" / "importacion" / asignacion
    shutil.rmtree(trabajo, ignore_errors=True)
    trabajo.mkdir(parents=True)
    plan = _Plan()
    try:
        with ExitStack() as pila:
            try:
                entradas = _fuente(origen, pila, limites, plan)
            except _Excedido as error:
                entradas = []
                plan.descartar(origen.name, str(error))
            except _ILEGIBLE as error:
                entradas = []
                plan.descartar(origen.name, f"no se pudo abrir el archivo ({_por_que(error)})")
            previas = plan.no_colocadas
            plan = _planificar(entradas, trabajo, limites)
            plan.no_colocadas[:0] = previas
            elegidos, descartes = _elegir(plan, esperados)
            plan.no_colocadas += descartes

            colocadas: list[dict] = []
            limpias: set[str] = set()
            for ganador, destino_nombre, viejas in elegidos:
                estudiante = ganador.ident.estudiante
                destino = raiz / "submitted" / estudiante / asignacion
                if estudiante not in limpias:
                    shutil.rmtree(destino, ignore_errors=True)
                    limpias.add(estudiante)
                destino.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(ganador.archivo, destino / destino_nombre)
                colocadas.append({"estudiante": estudiante, "nombre": ganador.ident.nombre, "formato": ganador.ident.formato,
                                  "id_lms": ganador.ident.clave, "tarde": ganador.ident.tarde, "archivo": ganador.ruta,
                                  "destino": destino_nombre, "versiones_descartadas": [v.ruta for v in viejas]})
    finally:
        shutil.rmtree(trabajo, ignore_errors=True)

    estudiantes = {}
    for ident in sorted(plan.estudiantes.values(), key=lambda i: i.estudiante):
        pila_, apellidos = _partir_nombre(ident.nombre, ident.formato)
        estudiantes[ident.estudiante] = {"nombre": ident.nombre, "formato": ident.formato, "id_lms": ident.clave,
                                         "tarde": ident.tarde, "nombre_pila": pila_, "apellidos": apellidos,
                                         "colocados": sorted(c["destino"] for c in colocadas if c["estudiante"] == ident.estudiante)}
    informe = {"asignacion": asignacion, "origen": str(origen), "limites": asdict(limites), "estudiantes": estudiantes,
               "colocadas": colocadas, "no_colocadas": plan.no_colocadas}
    ruta = raiz / "calificacion" / f"importacion_{asignacion}.json"
    ruta.parent.mkdir(parents=True, exist_ok=True)
    ruta.write_text(json.dumps(informe, ensure_ascii=False, indent=1), encoding="utf-8")
    if gradebook and estudiantes:
        _registrar_en_gradebook(raiz, estudiantes)
    return informe


class ColectorLMS(FileNameCollectorPlugin):
    """Complemento recolector de ``nbgrader zip_collect`` con el mismo reconocedor y las mismas reglas que :func:`importar`.

    Una sola expresión regular no sirve para los tres LMS (los grupos con nombre no pueden
    repetirse), así que se sustituye ``collect``: la primera vez que ve un archivo planifica toda la
    carpeta de la descarga (``extracted/<zip>/``) y después solo acepta los cuadernos elegidos.
    """

    extracted_directory = Unicode("extracted", help="Carpeta de extracción de zip_collect (la de ZipCollectApp).").tag(config=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._planes: dict[Path, dict[str, dict]] = {}

    def _raiz(self, archivo: Path) -> Path | None:
        partes = archivo.parts
        if self.extracted_directory not in partes:
            return None
        i = len(partes) - 1 - partes[::-1].index(self.extracted_directory)
        extraida = Path(*partes[: i + 1])
        # zip_collect extrae cada zip en su propia carpeta: esa es la raíz de la descarga.
        return extraida / partes[i + 1] if len(partes) > i + 2 else extraida

    def _plan(self, raiz: Path) -> dict[str, dict]:
        if raiz not in self._planes:
            # Las claves de las demás descargas del lote (otras carpetas de «extracted/») también cuentan como «otra persona».
            hermanas = [c for c in raiz.parent.iterdir() if c.is_dir() and c != raiz] \
                if raiz.name != self.extracted_directory else []
            conocidas = frozenset(i.llave for c in hermanas
                                  for i, _ in _unidades(_quitar_envoltura(_entradas_carpeta(c)), _Plan()).values())
            entradas = _entradas_carpeta(raiz)
            # zip_collect extrae «X.zip» en «X/» junto al zip: lo de «X/» es de quien subió «X.zip».
            zips = {e.partes[0][:-4]: e.partes[0] for e in entradas if len(e.partes) == 1 and e.partes[0].endswith(".zip")}
            reales = {}
            for i, e in enumerate(entradas):
                if len(e.partes) > 1 and e.partes[0] in zips:
                    entradas[i] = replace(e, partes=(zips[e.partes[0]], *e.partes[1:]))
                    reales[entradas[i].ruta] = e.ruta
            with tempfile.TemporaryDirectory(prefix="colector-") as trabajo:
                plan = _planificar(entradas, Path(trabajo), LimitesImportacion(), abrir_zips=False, conocidas=conocidas)
                elegidos, descartes = _elegir(plan, None)  # zip_collect compara los nombres con release/ por su cuenta
            for falta in plan.no_colocadas + descartes:
                self.log.warning("No se recoge %s: %s", falta["archivo"], falta["razon"])
            aceptados = {}
            for ganador, destino, _ in elegidos:
                pila_, apellidos = _partir_nombre(ganador.ident.nombre, ganador.ident.formato)
                aceptados[reales.get(ganador.ruta, ganador.ruta)] = {
                    "student_id": ganador.ident.estudiante, "file_id": destino, "first_name": pila_, "last_name": apellidos}
            self._planes[raiz] = aceptados
        return self._planes[raiz]

    def collect(self, submitted_file: str) -> dict | None:
        archivo = Path(submitted_file)
        if archivo.suffix.lower() not in {e.lower() for e in self.valid_ext}:
            return None
        raiz = self._raiz(archivo)
        if raiz is None:
            self.log.warning("No está dentro de «%s»: %s", self.extracted_directory, submitted_file)
            return None
        relativa = "/".join(_partes(archivo.relative_to(raiz).as_posix()))
        return self._plan(raiz).get(relativa)


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
