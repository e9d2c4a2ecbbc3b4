"""Retroalimentación en HTML y en español para cada estudiante, por el mismo camino que nbgrader y Formgrader (``generate_feedback``).

``nbgrader_config.py`` configura ``GenerateFeedback``: la plantilla en español de
``autograder/plantillas/feedback`` y el preprocesador que quita las pruebas ocultas y el
rastreo que las citaría (:class:`autograder.preprocesadores.OcultarPruebas`). Así «Generate
Feedback» de Formgrader y esta orden escriben la misma página en
``feedback/<estudiante>/<asignacion>/<cuaderno>.html``.
"""

from __future__ import annotations

from pathlib import Path

from .curso import CursoDeCalificacion

__all__ = ["retroalimentar"]


def retroalimentar(raiz: Path, asignacion: str, estudiante: str | None = None) -> list[Path]:
    """Genera con nbgrader la retroalimentación de ``asignacion`` (de todos o de ``estudiante``); devuelve las páginas."""
    raiz = Path(raiz).resolve()
    curso = CursoDeCalificacion(raiz, origen=raiz)
    resultado = curso.api.generate_feedback(asignacion, student_id=estudiante, force=True)
    if not resultado.get("success"):
        raise RuntimeError(f"nbgrader no pudo generar la retroalimentación:\n{resultado.get('error', '')}\n{resultado.get('log', '')}")
    patron = f"{estudiante or '*'}/{asignacion}/*.html"
    return sorted((raiz / "feedback").glob(patron))
