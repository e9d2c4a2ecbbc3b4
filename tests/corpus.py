"""Corpus de entregas fabricadas (mutantes, equivalentes, delegaciones), calificadas con el calificador paralelo y validadas como en Validate."""

from __future__ import annotations

import json
import os
import tempfile
import tomllib
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

import nbformat

from autograder.clase import cuaderno_resuelto
from autograder.curso import meta_nbgrader
from cuadernos import RAIZ

__all__ = ["Caso", "TIPOS", "GENERICO", "RESULTADOS", "cargar", "cuaderno_de", "cuaderno_con", "agrupar_equivalentes", "procesos", "calificar_leccion",
           "sockets_propios", "validar", "validar_uno", "validar_cuadernos", "guardar", "leer_guardados"]

#: Tipo de caso → carpeta de su corpus (``<asignacion>.toml`` con una tabla por caso).
TIPOS = {
    "mutante": RAIZ / "tests" / "mutantes",
    "equivalente": RAIZ / "tests" / "equivalentes",
    "delegacion": RAIZ / "tests" / "delegacion",
}
_CAMPOS = {
    "mutante": {"ejercicio", "descripcion", "buscar", "reemplazar", "mensaje"},
    "equivalente": {"ejercicio", "descripcion", "codigo"},
    "delegacion": {"ejercicio", "codigo", "llamada"},
}
#: Texto de comprobar_cercano cuando no reconoce el error: una pista que lo contiene no nombra nada.
GENERICO = "no coincide con lo esperado"
#: Resultados de la sesión de pruebas: un archivo por lección y por tipo, escrito por un solo proceso.
RESULTADOS = RAIZ / "resultados-pruebas" / "corpus"


@dataclass(frozen=True)
class Caso:
    """Una entrega fabricada: la solución oficial con una celda de solución cambiada."""

    tipo: str
    asignacion: str
    numero: int
    ejercicio: str
    descripcion: str = ""
    codigo: str = ""
    buscar: str = ""
    reemplazar: str = ""
    mensaje: str = ""
    llamada: str = ""

    @property
    def prueba(self) -> str:
        return f"{self.ejercicio}_prueba"

    @property
    def estudiante(self) -> str:
        return f"{self.tipo[:3]}_{self.asignacion[:2]}_{self.numero:03d}"

    def __str__(self) -> str:
        return f"{self.asignacion}#{self.numero} {self.ejercicio}: {self.descripcion or self.llamada}"


def cargar(tipo: str) -> list[Caso]:
    """Todos los casos de un tipo, en orden de lección; exige los campos de su formato."""
    casos = []
    for archivo in sorted(TIPOS[tipo].glob("*.toml")):
        datos = tomllib.loads(archivo.read_text(encoding="utf-8"))
        for numero, entrada in enumerate(datos.get(tipo, []), start=1):
            # «reemplazar» vacío borra el texto buscado; los demás campos no pueden quedar vacíos.
            faltan = _CAMPOS[tipo] - {k for k, v in entrada.items() if str(v).strip() or k == "reemplazar"}
            sobran = set(entrada) - _CAMPOS[tipo] - {"descripcion"}
            if faltan or sobran:
                raise ValueError(f"{archivo.name}, {tipo} {numero}: faltan {sorted(faltan)}, sobran {sorted(sobran)}")
            casos.append(Caso(tipo=tipo, asignacion=archivo.stem, numero=numero, **entrada))
    return casos


def _sin_delimitadores(fuente: str) -> str:
    return "\n".join(l for l in fuente.splitlines() if "BEGIN SOLUTION" not in l and "END SOLUTION" not in l)


def cuaderno_de(caso: Caso | None, asignacion: str):
    """La versión del estudiante resuelta con la solución oficial y, si hay caso, su celda cambiada."""
    return cuaderno_con([caso] if caso else [], asignacion)


def cuaderno_con(casos: list[Caso], asignacion: str):
    """La versión del estudiante resuelta con la solución oficial y la celda de cada caso cambiada."""
    nb = cuaderno_resuelto(RAIZ, asignacion)
    for caso in casos:
        (celda,) = [c for c in nb.cells if meta_nbgrader(c).get("grade_id") == caso.ejercicio and meta_nbgrader(c).get("solution")]
        if caso.tipo == "mutante":
            fuente = nbformat.read(str(RAIZ / "source" / asignacion / f"{asignacion}.ipynb"), as_version=4)
            (original,) = [c.source for c in fuente.cells if meta_nbgrader(c).get("grade_id") == caso.ejercicio]
            veces = original.count(caso.buscar)
            if veces != 1:
                raise ValueError(f"{caso}: el texto a buscar aparece {veces} veces en la celda {caso.ejercicio}")
            celda.source = _sin_delimitadores(original.replace(caso.buscar, caso.reemplazar))
        else:
            celda.source = caso.codigo.strip("\n")
    return nb


def agrupar_equivalentes(casos: list[Caso]) -> list[list[Caso]]:
    """Los equivalentes en grupos con a lo más uno por ejercicio: el grupo k junta el k-ésimo de cada ejercicio.

    Un grupo es una sola entrega: si obtiene todo, cada solución correcta del grupo obtuvo todo en su
    ejercicio (cada prueba califica su ejercicio); si pierde algo, el grupo entero cuenta como fallido.
    """
    grupos: list[list[Caso]] = []
    vistos: dict[str, int] = {}
    for caso in casos:
        k = vistos[caso.ejercicio] = vistos.get(caso.ejercicio, -1) + 1
        if k == len(grupos):
            grupos.append([])
        grupos[k].append(caso)
    return grupos


def procesos() -> int:
    """Procesos en paralelo para calificar o validar: los núcleos repartidos entre los procesos de pytest-xdist,
    al menos dos (mientras un núcleo de Jupyter arranca, el otro ejecuta)."""
    return max(2, (os.cpu_count() or 1) // int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1")))


def calificar_leccion(asignacion: str, casos: list[Caso], carpeta: Path, trabajadores: int | None = None) -> dict[str, dict]:
    """Califica con ``autograder.calificar`` la solución, el cuaderno en blanco y cada caso de la lección.

    Devuelve ``{estudiante: Resultado como diccionario}`` (``solucion``, ``en_blanco`` y ``caso.estudiante``).
    Los equivalentes se califican juntos (:func:`agrupar_equivalentes`): cada uno recibe el resultado de su
    grupo, con ``grupo`` (los casos que lo forman).
    """
    from autograder.calificar import calificar
    from autograder.curso import CursoDeCalificacion

    curso = CursoDeCalificacion(carpeta)
    curso.preparar([asignacion])
    entregas = {"solucion": cuaderno_de(None, asignacion),
                "en_blanco": nbformat.read(str(RAIZ / "release" / asignacion / f"{asignacion}.ipynb"), as_version=4)}
    entregas |= {c.estudiante: cuaderno_de(c, asignacion) for c in casos if c.tipo != "equivalente"}
    grupos = {f"equ_{asignacion[:2]}_g{k:02d}": grupo
              for k, grupo in enumerate(agrupar_equivalentes([c for c in casos if c.tipo == "equivalente"]), start=1)}
    entregas |= {nombre: cuaderno_con(grupo, asignacion) for nombre, grupo in grupos.items()}
    for estudiante, nb in entregas.items():
        destino = carpeta / "submitted" / estudiante / asignacion / f"{asignacion}.ipynb"
        destino.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, str(destino))
    salida = {r.estudiante: asdict(r) for r in calificar(carpeta, asignacion, trabajadores=trabajadores or procesos())}
    for nombre, grupo in grupos.items():
        salida |= {c.estudiante: {**salida[nombre], "grupo": [str(g) for g in grupo]} for c in grupo}
    return salida


# ---------------------------------------------------------------------------------------------
# Validate: las pruebas visibles de la versión del estudiante, como el botón de nbgrader
# ---------------------------------------------------------------------------------------------
@contextmanager
def sockets_propios():
    """La configuración de ``KernelManager`` para que el núcleo hable por IPC en una carpeta propia (se borra al salir).

    Por TCP, dos procesos que arrancan núcleos a la vez pueden elegir el mismo puerto, y el núcleo
    muere al arrancar («Kernel died before replying to kernel_info»).
    """
    with tempfile.TemporaryDirectory(prefix="nbk-") as carpeta:
        yield {"transport": "ipc", "ip": f"{carpeta}/k"}


def validar(ruta: str, **opciones) -> dict:
    """Lo que Validate de nbgrader devuelve para ``ruta`` con la configuración del curso (``opciones``: ``invert``, ``validate_all``…).

    Con la máquina cargada la salida de una celda puede tardar más que los 4 s de IOPub que nbgrader
    espera por omisión.
    """
    from nbgrader.validator import Validator

    from autograder.curso import cargar_configuracion

    with sockets_propios() as sockets:
        config = cargar_configuracion(RAIZ, Execute={"iopub_timeout": 60, "timeout": 120}, KernelManager=sockets)
        return Validator(config=config, **opciones).validate(ruta)


def validar_uno(ruta: str) -> list[str]:
    """grade_id de las celdas de prueba que Validate de nbgrader reporta como fallidas en ``ruta``."""
    fuentes = {c.source.strip(): meta_nbgrader(c)["grade_id"]
               for c in nbformat.read(ruta, as_version=4).cells if meta_nbgrader(c).get("grade")}
    resultado = validar(ruta)
    otros = [f"<{clave}>" for clave in ("changed", "type_changed") if resultado.get(clave)]
    return otros + sorted(fuentes.get(f["source"], "<?>") for f in resultado.get("failed", []))


def validar_cuadernos(cuadernos: dict[str, object], carpeta: Path, trabajadores: int | None = None) -> dict[str, list[str]]:
    """Corre Validate sobre cada cuaderno ``{nombre: nb}`` en paralelo; ``{nombre: celdas fallidas}``."""
    carpeta.mkdir(parents=True, exist_ok=True)
    rutas = {}
    for nombre, nb in cuadernos.items():
        rutas[nombre] = carpeta / f"{nombre}.ipynb"
        nbformat.write(nb, str(rutas[nombre]))
    with ProcessPoolExecutor(max_workers=trabajadores or procesos()) as grupo:
        futuros = {nombre: grupo.submit(validar_uno, str(ruta)) for nombre, ruta in rutas.items()}
        return {nombre: f.result() for nombre, f in futuros.items()}


# ---------------------------------------------------------------------------------------------
# Resultados de la sesión
# ---------------------------------------------------------------------------------------------
def guardar(nombre: str, datos: dict) -> Path:
    """Escribe ``RESULTADOS/<nombre>.json`` de una vez (archivo temporal y ``os.replace``)."""
    RESULTADOS.mkdir(parents=True, exist_ok=True)
    ruta = RESULTADOS / f"{nombre}.json"
    with tempfile.NamedTemporaryFile("w", dir=RESULTADOS, suffix=".tmp", delete=False, encoding="utf-8") as tmp:
        json.dump(datos, tmp, ensure_ascii=False, indent=1)
    os.replace(tmp.name, ruta)
    return ruta


def leer_guardados(sufijo: str) -> dict[str, dict]:
    """``{asignacion: datos}`` de los archivos ``<asignacion>.<sufijo>.json`` de esta sesión."""
    if not RESULTADOS.is_dir():
        return {}
    return {r.name.removesuffix(f".{sufijo}.json"): json.loads(r.read_text(encoding="utf-8"))
            for r in sorted(RESULTADOS.glob(f"*.{sufijo}.json"))}
