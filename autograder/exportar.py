"""Exportación: CSV de calificaciones (una columna por ejercicio y el estado) y resumen para el instructor (tabla y PNG).

Toda entrega del zip aparece: las calificadas, las ilegibles y también las que ``importar`` no
pudo colocar (estado «no importada», cero puntos).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from .calificar import ESTADOS, Resultado, ejercicios_de, resultados

__all__ = ["filas", "exportar", "tabla_texto"]


def _columna(grade_id: str) -> str:
    return grade_id.removesuffix("_prueba")


def filas(raiz: Path, asignacion: str) -> tuple[list[str], list[dict]]:
    """Encabezados y filas del CSV: ``estudiante, estado, <ejercicio>..., total, maximo, observaciones``."""
    raiz = Path(raiz)
    ejercicios = ejercicios_de(raiz, asignacion)
    encabezados = ["estudiante", "estado", *(_columna(g) for g in ejercicios), "total", "maximo", "observaciones"]
    lista: list[Resultado] = resultados(raiz, asignacion)
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


def exportar(raiz: Path, asignacion: str) -> dict[str, Path]:
    """Escribe ``calificacion/<a>.csv``, ``calificacion/<a>_resumen.md`` y ``calificacion/<a>_resumen.png``."""
    raiz = Path(raiz)
    encabezados, lista = filas(raiz, asignacion)
    carpeta = raiz / "calificacion"
    carpeta.mkdir(parents=True, exist_ok=True)
    ruta_csv = carpeta / f"{asignacion}.csv"
    with ruta_csv.open("w", newline="", encoding="utf-8") as f:
        escritor = csv.DictWriter(f, fieldnames=encabezados)
        escritor.writeheader()
        escritor.writerows(lista)
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


def tabla_texto(raiz: Path, asignacion: str) -> str:
    """La tabla de calificaciones como texto alineado para la terminal."""
    encabezados, lista = filas(raiz, asignacion)
    columnas = [c for c in encabezados if c != "observaciones"]
    anchos = {c: max(len(c), *(len(str(f[c])) for f in lista)) if lista else len(c) for c in columnas}
    lineas = ["  ".join(c.ljust(anchos[c]) for c in columnas), "  ".join("-" * anchos[c] for c in columnas)]
    lineas += ["  ".join(str(f[c]).ljust(anchos[c]) for c in columnas) for f in lista]
    return "\n".join(lineas)
