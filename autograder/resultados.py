"""Resultados de la calificación: límites, una entrega calificada, su lectura y escritura, y la causa de un fallo en español."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .curso import meta_nbgrader
from .estados import estado_de

__all__ = ["Limites", "Resultado", "cuadernos_de", "ejercicios_de", "integrar", "guardar", "resultados", "causa_del_fallo",
           "es_cuaderno"]


@dataclass(frozen=True)
class Limites:
    """Límites de cada entrega: segundos por celda y por cuaderno, MiB de memoria, caracteres de salida,
    procesos y MiB de disco del núcleo."""

    celda: int = 60
    cuaderno: int = 300
    memoria_mib: int = 2048
    salida: int = 200_000
    procesos: int = 64
    disco_mib: int = 256


@dataclass
class Resultado:
    """La calificación de una entrega (un estudiante, una asignación)."""

    estudiante: str
    asignacion: str
    estado: str = "calificada"
    observaciones: list[str] = field(default_factory=list)
    puntajes: dict[str, list[float]] = field(default_factory=dict)  # grade_id → [obtenido, posible]
    mensajes: dict[str, str] = field(default_factory=dict)  # grade_id → mensaje del error
    problemas: list[str] = field(default_factory=list)
    aislamiento: str = ""  # aislamiento y límites con que corrió el núcleo (o por qué no hubo)

    @property
    def total(self) -> float:
        return sum(p[0] for p in self.puntajes.values())

    @property
    def maximo(self) -> float:
        return sum(p[1] for p in self.puntajes.values())


def es_cuaderno(ruta: Path) -> bool:
    """``.ipynb`` sin importar mayúsculas (``Tarea.IPYNB`` también es un cuaderno)."""
    return Path(ruta).suffix.lower() == ".ipynb"


def cuadernos_de(raiz: Path, asignacion: str) -> list[str]:
    """Nombres (sin extensión) de los cuadernos de la asignación en ``raiz/source``."""
    carpeta = Path(raiz) / "source" / asignacion
    return sorted(p.stem for p in carpeta.iterdir() if p.is_file() and es_cuaderno(p)) if carpeta.is_dir() else []


def ejercicios_de(raiz: Path, asignacion: str) -> dict[str, float]:
    """``{grade_id: puntos}`` de las celdas calificadas de la asignación, en orden del cuaderno."""
    salida = {}
    carpeta = Path(raiz) / "source" / asignacion
    for nombre in cuadernos_de(raiz, asignacion):
        ruta = next(p for p in carpeta.iterdir() if p.stem == nombre and es_cuaderno(p))
        nb = json.loads(ruta.read_text(encoding="utf-8"))
        for celda in nb["cells"]:
            meta = meta_nbgrader(celda)
            if meta.get("grade"):
                salida[meta["grade_id"]] = float(meta.get("points", 0))
    return salida


_GENERICAS = ("above traceback", "there was an error processing", "error processing assignment", "nbgraderexception")


def causa_del_fallo(texto: str) -> str:
    """La causa real de un fallo de nbgrader, en una línea, a partir de su error y su bitácora.

    nbgrader termina con «Please see the above traceback»: se busca, desde el final, la última línea
    de excepción (``Tipo: mensaje``) o de ``[ERROR]`` que no sea genérica.
    """
    lineas = [l.strip() for l in (texto or "").splitlines() if l.strip()]
    excepcion = re.compile(r"^([A-Za-z_][\w.]*(Error|Exception|Exit|Warning|Entry|Interrupt))\b:?\s*(.*)$")
    for linea in reversed(lineas):
        if any(g in linea.lower() for g in _GENERICAS):
            continue
        if excepcion.match(linea) or "ERROR" in linea:
            return re.sub(r"^\[[^\]]*ERROR[^\]]*\]\s*", "", linea)[:300]
    return lineas[-1][:300] if lineas else ""


def integrar(r: Resultado, salida: dict, posibles: dict[str, float]) -> None:
    """Completa ``r`` con lo que devolvió el trabajador: puntajes, mensajes, incidencias y el estado."""
    problemas = set(r.problemas)
    r.puntajes = {g: [float(salida["puntajes"].get(g, [0.0])[0]), p] for g, p in posibles.items()}
    r.mensajes = {g: m for g, m in salida.get("mensajes", {}).items() if g in posibles}
    incidencias = salida.get("incidencias", [])
    tipos = {i["tipo"] for i in incidencias}
    if "nucleo" in tipos:
        problemas.add("nucleo")
        r.observaciones.append("el núcleo de Python se detuvo durante la ejecución; se reinició y se continuó")
    for i in incidencias:
        if i["tipo"] == "tiempo_celda":
            problemas.add("tiempo")
            donde = f"la celda {i['celda'] + 1}" + (f" ({i['grade_id']})" if i.get("grade_id") else "")
            r.observaciones.append(f"{donde} agotó su tiempo límite y se detuvo; las demás siguieron")
    if "tiempo_cuaderno" in tipos:
        problemas.add("tiempo")
        r.observaciones.append("se agotó el tiempo total del cuaderno; las celdas restantes no se ejecutaron")
    if "memoria" in tipos:
        problemas.add("memoria")
        r.observaciones.append("alguna celda superó el límite de memoria")
    if "salida" in tipos:
        problemas.add("salida")
        r.observaciones.append("la salida impresa superó el límite y se truncó")
    if salida.get("error"):
        problemas.add("error")
        causa = causa_del_fallo(salida["error"])
        r.observaciones.append(f"nbgrader no pudo calificar: {causa}" if causa else "nbgrader no pudo calificar")
    r.problemas = sorted(problemas)
    r.estado = estado_de(problemas).value


def guardar(raiz: Path, asignacion: str, lista: list[Resultado]) -> Path:
    ruta = Path(raiz) / "calificacion" / f"{asignacion}.json"
    ruta.parent.mkdir(parents=True, exist_ok=True)
    ruta.write_text(json.dumps([asdict(r) for r in lista], ensure_ascii=False, indent=1), encoding="utf-8")
    return ruta


def resultados(raiz: Path, asignacion: str) -> list[Resultado]:
    """Lee los resultados guardados por ``calificar``."""
    ruta = Path(raiz) / "calificacion" / f"{asignacion}.json"
    return [Resultado(**d) for d in json.loads(ruta.read_text(encoding="utf-8"))]
