"""El gradebook como único almacén de calificaciones: se anota en él el estado de cada entrega y de él sale el CSV (también con ``nbgrader export``).

El estado y las observaciones de una entrega quedan donde Formgrader los muestra: un comentario
del calificador en una celda de solución y la bandera de la entrega. Toda entrega del zip aparece
en el CSV: las calificadas, las ilegibles y también las que ``importar`` no pudo colocar (estado
«no importada», cero puntos).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from nbgrader.plugins import ExportPlugin

from .calificar import ESTADOS, Resultado, cuadernos_de, ejercicios_de

__all__ = ["filas", "exportar", "tabla_texto", "anotar_entrega", "anotacion", "registrar", "ExportadorCSV", "escribir_csv"]

#: Primera línea del comentario del calificador en el gradebook.
_PREFIJO = "[calificador] Estado: "


def anotar_entrega(gb, asignacion: str, estudiante: str, cuaderno: str, estado: str, observaciones: list[str]) -> None:
    """Escribe el estado y las observaciones en el gradebook: comentario del calificador y bandera si no es «calificada».

    El comentario va en la primera celda de solución cuyo comentario esté vacío o sea del calificador
    (nunca encima del comentario de un profesor).
    """
    envio = gb.find_submission_notebook(cuaderno, asignacion, estudiante)
    envio.flagged = estado != ESTADOS["calificada"]
    texto = _PREFIJO + estado + "".join("\n- " + " ".join(str(o).split()) for o in observaciones)
    for comentario in sorted(envio.comments, key=lambda c: c.name):
        if not comentario.manual_comment or comentario.manual_comment.startswith(_PREFIJO):
            comentario.manual_comment = texto
            break
    gb.db.commit()


def anotacion(envio) -> tuple[str | None, list[str]]:
    """``(estado, observaciones)`` anotados por :func:`anotar_entrega` en un cuaderno entregado (``None`` si no hay)."""
    for comentario in sorted(envio.comments, key=lambda c: c.name):
        if comentario.manual_comment and comentario.manual_comment.startswith(_PREFIJO):
            primera, *resto = comentario.manual_comment.split("\n")
            return primera[len(_PREFIJO):], [l[2:] for l in resto if l.startswith("- ")]
    return None, []


def registrar(raiz: Path, asignacion: str, lista: list[Resultado]) -> None:
    """Vuelca los resultados de ``calificar`` al gradebook del curso: puntajes, estado y observaciones.

    Una entrega que no llegó a nbgrader (ilegible, sin entrega) queda calificada con 0 y su motivo,
    con una carpeta en ``autograded/`` para que Formgrader no la muestre como pendiente.
    """
    import warnings

    from nbgrader.api import Gradebook
    from nbgrader.coursedir import CourseDirectory

    raiz = Path(raiz)
    curso = CourseDirectory(root=str(raiz))
    with warnings.catch_warnings(), Gradebook(f"sqlite:///{raiz / 'gradebook.db'}") as gb:
        warnings.simplefilter("ignore")
        for r in lista:
            gb.update_or_create_student(r.estudiante)  # sin datos: no borra el nombre que puso el importador
            sello = curso.get_existing_timestamp(str(raiz / "submitted" / r.estudiante / asignacion))
            gb.update_or_create_submission(asignacion, r.estudiante, **({"timestamp": sello} if sello else {}))
            for cuaderno in cuadernos_de(raiz, asignacion):
                envio = gb.find_submission_notebook(cuaderno, asignacion, r.estudiante)
                for nota in envio.grades:
                    nota.auto_score = float(r.puntajes.get(nota.name, [0.0])[0])
                    nota.needs_manual_grade = False
                anotar_entrega(gb, asignacion, r.estudiante, cuaderno, r.estado, r.observaciones)
                _calificado_sin_cuaderno(raiz, asignacion, r, cuaderno)
            gb.db.commit()


def _calificado_sin_cuaderno(raiz: Path, asignacion: str, r: Resultado, cuaderno: str) -> None:
    """Si nbgrader no produjo el cuaderno calificado, deja el publicado con el motivo arriba (Formgrader lo abre)."""
    import nbformat

    destino = raiz / "autograded" / r.estudiante / asignacion / f"{cuaderno}.ipynb"
    publicado = raiz / "release" / asignacion / f"{cuaderno}.ipynb"
    sin_cuaderno = {"ilegible", "sin_entrega", "no_importada"} & set(r.problemas)
    if (destino.exists() and not sin_cuaderno) or not publicado.exists():
        return  # (uno viejo de una calificación anterior no vale si esta vez no hubo cuaderno)
    nb = nbformat.read(str(publicado), as_version=4)
    motivo = "\n".join(f"- {o}" for o in r.observaciones) or "- no hay cuaderno que calificar"
    nb.cells.insert(0, nbformat.v4.new_markdown_cell(f"**Esta entrega no se pudo calificar ({r.estado}); vale 0.**\n\n{motivo}",
                                                     id="calificador-motivo"))
    nb.metadata["calificador"] = {"revision": {"problemas": list(r.problemas), "observaciones": list(r.observaciones)}}
    destino.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(destino))


def _columna(grade_id: str) -> str:
    return grade_id.removesuffix("_prueba")


def _del_gradebook(raiz: Path, asignacion: str, gb=None) -> list[Resultado]:
    """Los resultados de ``asignacion`` tal como están en el gradebook (puntajes con la revisión manual, si la hay)."""
    from nbgrader.api import Gradebook, MissingEntry

    if gb is None:
        with Gradebook(f"sqlite:///{Path(raiz) / 'gradebook.db'}") as gb:
            return _del_gradebook(raiz, asignacion, gb)
    orden = list(ESTADOS.values())
    lista = []
    for estudiante in sorted(s.id for s in gb.students):
        r = Resultado(estudiante, asignacion)
        try:
            envio = gb.find_submission(asignacion, estudiante)
        except MissingEntry:
            continue
        estados = []
        for cuaderno in envio.notebooks:
            for nota in cuaderno.grades:
                r.puntajes[nota.name] = [float(nota.score or 0.0), float(nota.max_score or 0.0)]
            estado, observaciones = anotacion(cuaderno)
            estados.append(estado or ESTADOS["calificada"])
            r.observaciones += [o for o in observaciones if o not in r.observaciones]
        r.estado = min(estados, key=lambda e: orden.index(e) if e in orden else -1) if estados else ESTADOS["sin_entrega"]
        lista.append(r)
    return lista


def filas(raiz: Path, asignacion: str, gb=None) -> tuple[list[str], list[dict]]:
    """Encabezados y filas del CSV (leídas del gradebook): ``estudiante, estado, <ejercicio>..., total, maximo, observaciones``."""
    raiz = Path(raiz)
    ejercicios = ejercicios_de(raiz, asignacion)
    encabezados = ["estudiante", "estado", *(_columna(g) for g in ejercicios), "total", "maximo", "observaciones"]
    lista: list[Resultado] = _del_gradebook(raiz, asignacion, gb)
    importacion = raiz / "calificacion" / f"importacion_{asignacion}.json"
    if importacion.exists():
        informe = json.loads(importacion.read_text(encoding="utf-8"))
        calificados = {r.estudiante for r in lista}
        sin_colocar: dict[str, Resultado] = {}  # una fila por estudiante (o por archivo sin dueño)
        for falta in informe["no_colocadas"]:
            clave = falta.get("estudiante") or falta["archivo"]
            if clave in calificados:
                continue  # el estudiante sí tiene otra entrega calificada; queda en sus observaciones
            if clave not in sin_colocar:
                sin_colocar[clave] = Resultado(clave, asignacion, ESTADOS["no_importada"], [],
                                               {g: [0.0, p] for g, p in ejercicios.items()})
                lista.append(sin_colocar[clave])
            sin_colocar[clave].observaciones.append(f"{falta['archivo']}: {falta['razon']}")
        extras = {}
        for falta in informe["no_colocadas"]:
            if falta.get("estudiante") in calificados:
                extras.setdefault(falta["estudiante"], []).append(f"además envió {falta['archivo']} ({falta['razon']})")
        tarde = {e for e, datos in informe.get("estudiantes", {}).items() if datos.get("tarde")}
        for r in lista:
            r.observaciones = (["entregada tarde (según el LMS)"] if r.estudiante in tarde else []) + r.observaciones \
                + extras.get(r.estudiante, [])
    salida = []
    for r in lista:
        fila = {"estudiante": r.estudiante, "estado": r.estado}
        for g in ejercicios:
            fila[_columna(g)] = _numero(r.puntajes.get(g, [0.0])[0])
        fila.update(total=_numero(r.total), maximo=_numero(sum(ejercicios.values())), observaciones=" | ".join(r.observaciones))
        salida.append(fila)
    return encabezados, salida


def _numero(x: float) -> str:
    return f"{x:g}"


def escribir_csv(raiz: Path, asignacion: str, ruta: Path | None = None, gb=None) -> tuple[Path, list[dict]]:
    """Escribe el CSV de ``asignacion`` (por omisión en ``calificacion/<a>.csv``); devuelve la ruta y las filas."""
    encabezados, lista = filas(raiz, asignacion, gb)
    ruta = Path(ruta) if ruta else Path(raiz) / "calificacion" / f"{asignacion}.csv"
    ruta.parent.mkdir(parents=True, exist_ok=True)
    with ruta.open("w", newline="", encoding="utf-8") as f:
        escritor = csv.DictWriter(f, fieldnames=encabezados)
        escritor.writeheader()
        escritor.writerows(lista)
    return ruta, lista


class ExportadorCSV(ExportPlugin):
    """Plugin de ``nbgrader export`` (``ExportApp.plugin_class``): el CSV del curso, uno por asignación, leído del gradebook.

    ``--to`` fija la ruta cuando se exporta una sola asignación; si no, ``calificacion/<a>.csv``.
    """

    def export(self, gradebook) -> None:
        from nbgrader.coursedir import CourseDirectory

        raiz = Path(CourseDirectory(config=self.config).root)
        cuales = list(self.assignment) or sorted(a.name for a in gradebook.assignments)
        for asignacion in cuales:
            ruta = self.to if self.to and len(cuales) == 1 else None
            escrita, _ = escribir_csv(raiz, asignacion, ruta, gradebook)
            self.log.info("Calificaciones de %s en %s", asignacion, escrita)


def exportar(raiz: Path, asignacion: str) -> dict[str, Path]:
    """Escribe ``calificacion/<a>.csv``, ``calificacion/<a>_resumen.md`` y ``calificacion/<a>_resumen.png``."""
    raiz = Path(raiz)
    ruta_csv, lista = escribir_csv(raiz, asignacion)
    carpeta = ruta_csv.parent
    resumen = _resumen(raiz, asignacion, lista)
    ruta_md = carpeta / f"{asignacion}_resumen.md"
    ruta_md.write_text(resumen["texto"], encoding="utf-8")
    ruta_png = carpeta / f"{asignacion}_resumen.png"
    _grafica(resumen, ruta_png, asignacion)
    return {"csv": ruta_csv, "resumen": ruta_md, "grafica": ruta_png}


def _resumen(raiz: Path, asignacion: str, lista: list[dict]) -> dict:
    ejercicios = {_columna(g): p for g, p in ejercicios_de(raiz, asignacion).items()}
    maximo = sum(ejercicios.values()) or 1.0
    totales = [float(f["total"]) for f in lista]
    tramos = [(i * 20, (i + 1) * 20) for i in range(5)]
    distribucion = []
    for bajo, alto in tramos:
        cuenta = sum(1 for t in totales if bajo <= 100 * t / maximo < alto or (alto == 100 and 100 * t / maximo == 100))
        distribucion.append((f"{bajo}–{alto} %", cuenta))
    fallos = []
    for ejercicio, puntos in ejercicios.items():
        perdidos = sum(1 for f in lista if float(f[ejercicio]) < puntos)
        fallos.append((ejercicio, perdidos, 100 * perdidos / max(len(lista), 1)))
    fallos.sort(key=lambda x: (-x[1], list(ejercicios).index(x[0])))
    estados: dict[str, int] = {}
    for f in lista:
        estados[f["estado"]] = estados.get(f["estado"], 0) + 1
    lineas = [f"# Resumen de {asignacion}", "", f"Entregas: {len(lista)}. Promedio: "
              f"{(sum(totales) / max(len(totales), 1)):.2f} de {maximo:g} puntos.", "",
              "## Distribución de puntajes", "", "| tramo | estudiantes |", "|---|---|"]
    lineas += [f"| {t} | {c} |" for t, c in distribucion]
    lineas += ["", "## Ejercicios más fallados", "", "| ejercicio | no lo aprobaron | porcentaje |", "|---|---|---|"]
    lineas += [f"| {e} | {n} | {p:.0f} % |" for e, n, p in fallos]
    lineas += ["", "## Estados", "", "| estado | entregas |", "|---|---|"]
    lineas += [f"| {e} | {n} |" for e, n in sorted(estados.items(), key=lambda x: -x[1])]
    return {"texto": "\n".join(lineas) + "\n", "distribucion": distribucion, "fallos": fallos, "totales": totales, "maximo": maximo}


def _grafica(resumen: dict, ruta: Path, asignacion: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (izq, der) = plt.subplots(1, 2, figsize=(11, 4))
    etiquetas = [t for t, _ in resumen["distribucion"]]
    izq.bar(etiquetas, [c for _, c in resumen["distribucion"]], color="#3b7dd8")
    izq.set_title("Distribución de puntajes")
    izq.set_xlabel("porcentaje del puntaje máximo")
    izq.set_ylabel("estudiantes")
    fallos = resumen["fallos"]
    der.barh([e for e, _, _ in fallos][::-1], [p for _, _, p in fallos][::-1], color="#d8703b")
    der.set_xlim(0, 100)
    der.set_title("Ejercicios más fallados")
    der.set_xlabel("% de estudiantes que no lo aprobaron")
    fig.suptitle(f"Resumen de {asignacion}")
    fig.tight_layout()
    fig.savefig(ruta, dpi=100)
    plt.close(fig)


def _nombres(raiz: Path) -> dict[str, str]:
    """``{id: "Nombre Apellido"}`` de los estudiantes del gradebook que tienen nombre (los pone el importador)."""
    from nbgrader.api import Gradebook

    ruta = Path(raiz) / "gradebook.db"
    if not ruta.exists():
        return {}
    with Gradebook(f"sqlite:///{ruta}") as gb:
        return {s.id: " ".join(p for p in (s.first_name, s.last_name) if p) for s in gb.students if s.first_name or s.last_name}


def tabla_texto(raiz: Path, asignacion: str) -> str:
    """La tabla de calificaciones como texto alineado para la terminal, con nombres y, debajo, las observaciones."""
    encabezados, lista = filas(raiz, asignacion)
    nombres = _nombres(raiz)
    for f in lista:
        f["nombre"] = nombres.get(f["estudiante"], "")
    columnas = ["estudiante", "nombre"] + [c for c in encabezados if c not in ("estudiante", "observaciones")]
    anchos = {c: max(len(c), *(len(str(f[c])) for f in lista)) if lista else len(c) for c in columnas}
    lineas = ["  ".join(c.ljust(anchos[c]) for c in columnas), "  ".join("-" * anchos[c] for c in columnas)]
    lineas += ["  ".join(str(f[c]).ljust(anchos[c]) for c in columnas) for f in lista]
    con_observaciones = [f for f in lista if f["observaciones"]]
    if con_observaciones:
        lineas += ["", "Observaciones:"]
        for f in con_observaciones:
            lineas.append(f"  {f['estudiante']}:")
            lineas += [f"    - {o}" for o in f["observaciones"].split(" | ")]
    return "\n".join(lineas)
