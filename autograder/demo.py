"""Demostración completa: una clase de ejemplo empaquetada como zip del LMS, importada, calificada, con retroalimentación y exportada."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from .calificar import Limites, aislamiento_de, calificar
from .clase import descripcion, fabricar_clase, nombre_visible
from .curso import RAIZ_REPO, CursoDeCalificacion, asignaciones
from .exportar import exportar, tabla_texto
from .importar import empaquetar, importar
from .retroalimentar import retroalimentar

__all__ = ["demo"]


def demo(curso: Path | None = None, asignacion: str | None = None, formato: str = "moodle",
         limites: Limites = Limites(celda=20, cuaderno=120, memoria_mib=1024), trabajadores: int | None = None,
         sin_aislamiento: bool = False) -> int:
    """Corre importar → calificar → retroalimentar → exportar e imprime la tabla de calificaciones."""
    asignacion = asignacion or asignaciones()[0]
    _, aislamiento = aislamiento_de(limites, sin_aislamiento)  # antes de nada: sin caja se rehúsa aquí
    raiz = Path(curso or tempfile.mkdtemp(prefix="demo-calificacion-")).resolve()
    print(f"Curso de demostración en {raiz}")
    CursoDeCalificacion(raiz).preparar([asignacion])
    clase = fabricar_clase(RAIZ_REPO, asignacion)
    nombres = {caso: nombre_visible(caso) for caso in clase}
    zip_lms = raiz / f"descarga_{formato}_{asignacion}.zip"
    zip_lms.write_bytes(empaquetar({nombres[c]: v for c, v in clase.items()}, formato))
    print(f"Clase de ejemplo: {len(clase)} entregas empaquetadas como zip de {formato} ({zip_lms.name}):")
    for caso in clase:
        print(f"  {nombres[caso]:<22} {descripcion(caso)}")
    informe = importar(zip_lms, raiz, asignacion)
    print(f"\nimportar: {len(informe['colocadas'])} colocadas, {len(informe['no_colocadas'])} sin colocar")
    inicio = time.monotonic()
    print(f"calificar:\n  aislamiento: {aislamiento}")
    lista = calificar(raiz, asignacion, trabajadores=trabajadores, limites=limites, sin_aislamiento=sin_aislamiento,
                      progreso=lambda r: print(f"  {r.estudiante:<32} {r.estado}", flush=True))
    print(f"  {len(lista)} entregas en {time.monotonic() - inicio:.0f} s")
    paginas = retroalimentar(raiz, asignacion)
    print(f"retroalimentar: {len(paginas)} páginas en {raiz / 'feedback'}")
    rutas = exportar(raiz, asignacion)
    print("exportar:", ", ".join(str(r) for r in rutas.values()))
    print(f"\nCalificaciones de {asignacion}:\n")
    print(tabla_texto(raiz, asignacion))
    return 0
