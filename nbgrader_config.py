"""Configuración única del curso para nbgrader."""

c = get_config()  # noqa: F821  (nbgrader la inyecta)

c.CourseDirectory.course_id = "memoria_recurrente"
c.CourseDirectory.source_directory = "source"
c.CourseDirectory.release_directory = "release"

# Lo que ve el estudiante en lugar de la solución; autograder.etiquetas.TalonConNombre pone el nombre de la función.
c.ClearSolutions.code_stub = {"python": '# TU CÓDIGO AQUÍ\nraise NotImplementedError("Todavía no resuelves `{funcion}`: borra esta línea y escribe tu solución.")'}
c.ClearSolutions.text_stub = "ESCRIBE AQUÍ TU RESPUESTA"
c.ClearSolutions.begin_solution_delimeter = "BEGIN SOLUTION"
c.ClearSolutions.end_solution_delimeter = "END SOLUTION"
c.ClearHiddenTests.begin_test_delimeter = "BEGIN HIDDEN TESTS"
c.ClearHiddenTests.end_test_delimeter = "END HIDDEN TESTS"

# «Run All» de JupyterLab sigue tras las celdas que fallan mientras un ejercicio no esté resuelto.
from autograder.etiquetas import PREPROCESADORES_RELEASE  # noqa: E402

c.GenerateAssignment.preprocessors = PREPROCESADORES_RELEASE

# Un ciclo infinito no debe colgar la calificación.
c.Execute.timeout = 60
c.Execute.interrupt_on_timeout = True

# Una advertencia en stderr no debe anular una celda correcta (nbgrader #1904).
c.IgnorePattern.enabled = True
c.IgnorePattern.pattern = r".*Warning.*"

# ---------------------------------------------------------------------------------------------
# Un solo camino de calificación, sea cual sea el botón (CLI, Formgrader o python -m autograder).
# ---------------------------------------------------------------------------------------------
import importlib.util as _importlib_util  # noqa: E402
import os as _os  # noqa: E402

from nbgrader.preprocessors import (  # noqa: E402
    CheckCellMetadata, ClearOutput, DeduplicateIds, GetGrades, OverwriteCells, OverwriteKernelspec)
from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor  # noqa: E402

# Antes que los de nbgrader: repara metadatos y celdas, anota manipulación y anula soluciones que delegan.
c.Autograde.sanitize_preprocessors = [
    "autograder.preprocesadores.RevisarEntrega",
    ClearOutput, DeduplicateIds, OverwriteKernelspec, OverwriteCells, CheckCellMetadata,
]
# Una celda de prueba borrada vuelve (y se califica) en lugar de quedar pendiente de revisión manual.
c.OverwriteCells.add_missing_cells = True

# Retroalimentación de nbgrader (CLI y «Generate Feedback» de Formgrader): en español y sin pruebas ocultas.
c.GenerateFeedback.preprocessors = [GetGrades, CSSHTMLHeaderPreprocessor, "autograder.preprocesadores.OcultarPruebas"]
# La plantilla se llama «feedback» como la de nbgrader, que fija ese nombre; nuestra carpeta va primero.
# Sin el paquete del calificador (la copia de un estudiante) no hay nada que configurar aquí.
_calificador = _importlib_util.find_spec("autograder")
if _calificador is not None and _calificador.origin:
    c.HTMLExporter.template_name = "feedback"
    c.HTMLExporter.extra_template_basedirs = [_os.path.join(_os.path.dirname(_calificador.origin), "plantillas")]

# `nbgrader export` escribe el mismo CSV que `python -m autograder exportar`, leído del gradebook.
c.ExportApp.plugin_class = "autograder.exportar.ExportadorCSV"

# --- Ejecución aislada de cada entrega (autograder.ejecucion) -----------------------------------
# También `nbgrader autograde` y el botón «Autograde» del Formgrader ejecutan cada cuaderno con
# EjecucionAislada en lugar de Execute: cada núcleo en una caja de bubblewrap (sin red, sin ver el
# repositorio, las soluciones ni a otros estudiantes), con límites, y un tiempo agotado cuesta solo
# su celda. Si la máquina no permite aislar, nbgrader se detiene con el motivo; para calificar así
# de todos modos (inseguro): c.EjecucionAislada.aislamiento = False
from autograder.trabajador import preprocesadores as _preprocesadores  # noqa: E402

# Al final, el estado y las observaciones (revisión y ejecución) van al gradebook, como con `calificar`.
c.Autograde.autograde_preprocessors = _preprocesadores() + ["autograder.preprocesadores.AnotarEjecucion"]
c.EjecucionAislada.limite_cuaderno = 300.0  # segundos para todo el cuaderno (por celda: Execute.timeout)
c.EjecucionAislada.memoria_mib = 2048
c.EjecucionAislada.procesos = 64
c.EjecucionAislada.disco_mib = 256
c.EjecucionAislada.limite_salida = 200_000
# Los gemelos de texto de jupytext (source/NN/NN.py) llevan soluciones: nunca van a release/.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "*.py"]
