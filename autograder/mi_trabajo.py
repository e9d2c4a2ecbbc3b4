"""Autocalificación de la copia de trabajo (``trabajo/``) con las pruebas ocultas, por el mismo canal que califica al grupo."""

from __future__ import annotations

import html
import shutil
import tempfile
from datetime import datetime
from pathlib import Path

from .calificar import Limites, Resultado, calificar, cuadernos_de
from .curso import RAIZ_REPO, CursoDeCalificacion, asignaciones
from .retroalimentar import retroalimentar

__all__ = ["ESTUDIANTE", "calificar_mi_trabajo", "avance_markdown", "avance_texto", "main"]

#: Nombre con el que se entrega el trabajo propio en el curso privado (aparece en la retroalimentación).
ESTUDIANTE = "yo"


def calificar_mi_trabajo(trabajo: Path = RAIZ_REPO / "trabajo", salida: Path | None = None,
                         cuales: list[str] | None = None, limites: Limites = Limites(),
                         progreso=None) -> list[Resultado]:
    """Califica cada lección de ``trabajo`` como lo haría el instructor y escribe el avance.

    Arma un curso de nbgrader privado y temporal desde ``source/`` del repositorio, entrega ahí
    los cuadernos de ``trabajo/<lección>/``, los califica con :func:`autograder.calificar.calificar`
    y escribe con :func:`autograder.retroalimentar.retroalimentar` la misma página de
    retroalimentación que recibe el grupo. En ``salida`` (por omisión ``trabajo/mi_calificacion``)
    quedan ``retroalimentacion/<lección>.html``, ``avance.md`` y ``avance.html``.
    """
    trabajo = Path(trabajo).resolve()
    salida = Path(salida) if salida else trabajo / "mi_calificacion"
    cuales = cuales or asignaciones()
    lista = []
    with tempfile.TemporaryDirectory(prefix="mi-calificacion-") as tmp:
        curso = CursoDeCalificacion(Path(tmp) / "curso")
        curso.preparar(cuales)
        for asignacion in cuales:
            for nombre in cuadernos_de(curso.raiz, asignacion):
                propio = trabajo / asignacion / f"{nombre}.ipynb"
                if propio.is_file():
                    curso.entregar(ESTUDIANTE, asignacion, propio, nombre=propio.name)
            resultado = calificar(curso.raiz, asignacion, trabajadores=1, limites=limites, estudiantes=[ESTUDIANTE])[0]
            pagina = retroalimentar(curso.raiz, asignacion)[0]
            destino = salida / "retroalimentacion" / f"{asignacion}.html"
            destino.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(pagina, destino)
            lista.append(resultado)
            if progreso:
                progreso(resultado)
    texto = avance_markdown(lista)
    (salida / "avance.md").write_text(texto, encoding="utf-8")
    (salida / "avance.html").write_text(_html(texto), encoding="utf-8")
    return lista


def _nombre(grade_id: str) -> str:
    return grade_id.removesuffix("_prueba")


def _por_repasar(r: Resultado) -> list[str]:
    return [g for g, (obtenido, posible) in r.puntajes.items() if obtenido < posible]


def _estado(r: Resultado) -> str:
    if "sin_entrega" in r.problemas:
        return "aún no está en trabajo/ (corre make lab)"
    return r.estado


def avance_texto(lista: list[Resultado]) -> str:
    """La tabla de avance para la terminal: una fila por lección."""
    filas = [f"{'lección':<24} {'puntos':^12}  qué repasar"]
    for r in lista:
        repasar = ", ".join(_nombre(g) for g in _por_repasar(r)) or "nada: ¡lección completa!"
        if "sin_entrega" in r.problemas:
            repasar = _estado(r)
        filas.append(f"{r.asignacion:<24} {r.total:>5g} de {r.maximo:<3g}  {repasar}")
    total, maximo = sum(r.total for r in lista), sum(r.maximo for r in lista)
    filas.append(f"{'total':<24} {total:>5g} de {maximo:g}")
    return "\n".join(filas)


def _celda(texto: str) -> str:
    return texto.replace("|", "\\|").replace("\n", " ")


def avance_markdown(lista: list[Resultado]) -> str:
    """El avance en Markdown: resumen por lección y, por lección, los puntos de cada ejercicio y su mensaje."""
    total, maximo = sum(r.total for r in lista), sum(r.maximo for r in lista)
    partes = [
        "# Tu avance en el curso",
        "",
        f"Calificado el {datetime.now():%Y-%m-%d a las %H:%M} con las pruebas ocultas, las mismas que usa "
        "quien califica al grupo (otros tamaños y valores aleatorios).",
        "",
        "| lección | puntos | estado | qué repasar |",
        "|---|---|---|---|",
    ]
    for r in lista:
        repasar = ", ".join(f"`{_nombre(g)}`" for g in _por_repasar(r)) or "nada: ¡lección completa!"
        partes.append(f"| {r.asignacion} | {r.total:g} de {r.maximo:g} | {_celda(_estado(r))} | {repasar} |")
    partes += [f"| **total** | **{total:g} de {maximo:g}** | | |", ""]
    for r in lista:
        partes += [f"## {r.asignacion}: {r.total:g} de {r.maximo:g}", ""]
        if r.observaciones:
            partes += [f"* {_celda(o)}" for o in r.observaciones] + [""]
        partes += ["| ejercicio | puntos | qué dijo la prueba |", "|---|---|---|"]
        for grade_id, (obtenido, posible) in r.puntajes.items():
            mensaje = "—" if obtenido >= posible else _celda(r.mensajes.get(grade_id, "no se pudo comprobar"))
            if mensaje.startswith("NotImplementedError:"):  # el talón intacto («borra esta línea» no se entiende aquí)
                mensaje = "sin resolver: en el cuaderno, borra la línea `raise NotImplementedError(…)` y escribe tu código"
            partes.append(f"| `{_nombre(grade_id)}` | {obtenido:g} de {posible:g} | {mensaje} |")
        partes += ["", f"Retroalimentación completa: [retroalimentacion/{r.asignacion}.html]"
                        f"(retroalimentacion/{r.asignacion}.html)", ""]
    return "\n".join(partes)


def _html(markdown: str) -> str:
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    estilo = ("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}"
              "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}")
    return (f'<!DOCTYPE html>\n<html lang="es"><head><meta charset="utf-8"><title>{html.escape("Tu avance en el curso")}'
            f"</title><style>{estilo}</style></head><body>\n{markdown2html_mistune(markdown)}\n</body></html>\n")


def main(trabajo: Path = RAIZ_REPO / "trabajo", salida: Path | None = None, cuales: list[str] | None = None) -> int:
    """Lo que corre ``make calificar-mi-trabajo``: califica, imprime la tabla y dice dónde quedó todo."""
    trabajo = Path(trabajo)
    if not trabajo.is_dir():
        print(f"No encuentro tu copia de trabajo en {trabajo}: corre primero `make lab`.")
        return 1
    salida = Path(salida) if salida else trabajo / "mi_calificacion"
    print("Califico tu trabajo con las pruebas ocultas, lección por lección (tarda unos minutos)…", flush=True)
    lista = calificar_mi_trabajo(trabajo, salida, cuales,
                                 progreso=lambda r: print(f"  {r.asignacion}: {r.total:g} de {r.maximo:g}", flush=True))
    print()
    print(avance_texto(lista))
    print()
    print(f"Tu avance, con el mensaje de cada prueba: {salida / 'avance.md'} (y avance.html); "
          f"la retroalimentación de cada lección: {salida / 'retroalimentacion'}/")
    return 0
