"""Retroalimentación en HTML y en español para cada estudiante, sin mostrar el código de las pruebas ocultas.

``generate_feedback`` de nbgrader copia el cuaderno calificado completo, con las pruebas ocultas
a la vista (#917, #1363) y en inglés; aquí se arma una página propia con lo que el estudiante
necesita: estado de su entrega, cada comprobación aprobada o no con el mensaje de la prueba, y
su propio código. Se escribe en ``feedback/<estudiante>/<asignacion>/<asignacion>.html``.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from .calificar import Resultado, resultados

__all__ = ["retroalimentar", "pagina"]

_ESTILO = """
body{font-family:system-ui,sans-serif;max-width:56rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.4rem;vertical-align:top;text-align:left}
.si{color:#17702a;font-weight:bold}.no{color:#b3261e;font-weight:bold}pre{background:#f5f5f5;padding:.6rem;overflow-x:auto}
.estado{padding:.5rem;background:#fff4d6;border-left:4px solid #e0a800}
"""


def _codigo_del_estudiante(raiz: Path, r: Resultado) -> list[tuple[str, str]]:
    """``[(grade_id, código)]`` de las celdas de solución del cuaderno calificado."""
    salida = []
    for ruta in sorted((raiz / "autograded" / r.estudiante / r.asignacion).glob("*.ipynb")):
        try:
            nb = json.loads(ruta.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            continue
        for celda in nb.get("cells", []):
            meta = celda.get("metadata", {}).get("nbgrader", {})
            if meta.get("solution") and celda.get("cell_type") == "code":
                fuente = celda.get("source", "")
                salida.append((meta.get("grade_id", ""), "".join(fuente) if isinstance(fuente, list) else fuente))
    return salida


def pagina(raiz: Path, r: Resultado) -> str:
    """HTML de retroalimentación de un resultado."""
    e = html.escape
    filas = []
    for grade_id, (obtenido, posible) in r.puntajes.items():
        aprobado = obtenido >= posible
        mensaje = r.mensajes.get(grade_id, "")
        if not aprobado and not mensaje:
            mensaje = "No se pudo comprobar: revisa el estado de tu entrega."
        filas.append(
            f"<tr><td>{e(grade_id.removesuffix('_prueba'))}</td>"
            f"<td class='{'si' if aprobado else 'no'}'>{'✔ aprobado' if aprobado else '✘ no aprobado'}</td>"
            f"<td>{obtenido:g} de {posible:g}</td><td>{e(mensaje) if not aprobado else '—'}</td></tr>"
        )
    observaciones = "".join(f"<li>{e(o)}</li>" for o in r.observaciones)
    codigo = "".join(f"<h3>{e(g)}</h3><pre>{e(c)}</pre>" for g, c in _codigo_del_estudiante(raiz, r))
    return f"""<!DOCTYPE html>
<html lang="es"><head><meta charset="utf-8"><title>Retroalimentación: {e(r.asignacion)}</title><style>{_ESTILO}</style></head>
<body>
<h1>Retroalimentación de {e(r.asignacion)}</h1>
<p>Estudiante: <b>{e(r.estudiante)}</b> · Puntaje: <b>{r.total:g} de {r.maximo:g}</b></p>
<p class="estado">Estado de la entrega: <b>{e(r.estado)}</b></p>
{f"<ul>{observaciones}</ul>" if observaciones else ""}
<h2>Comprobaciones</h2>
<table><tr><th>ejercicio</th><th>resultado</th><th>puntos</th><th>mensaje de la prueba</th></tr>
{''.join(filas)}
</table>
<h2>Tu código</h2>
{codigo or "<p>No hay código que mostrar (el cuaderno no se pudo leer).</p>"}
<p><small>Las pruebas ocultas usan otros tamaños y valores aleatorios; su código no se muestra.</small></p>
</body></html>
"""


def retroalimentar(raiz: Path, asignacion: str) -> list[Path]:
    """Escribe la página de cada estudiante calificado; devuelve las rutas."""
    raiz = Path(raiz)
    escritas = []
    for r in resultados(raiz, asignacion):
        ruta = raiz / "feedback" / r.estudiante / asignacion / f"{asignacion}.html"
        ruta.parent.mkdir(parents=True, exist_ok=True)
        ruta.write_text(pagina(raiz, r), encoding="utf-8")
        escritas.append(ruta)
    return escritas
