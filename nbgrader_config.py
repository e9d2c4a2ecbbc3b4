"""Configuración única del curso para nbgrader."""

c = get_config()  # noqa: F821  (nbgrader la inyecta)

c.CourseDirectory.course_id = "memoria_recurrente"
c.CourseDirectory.source_directory = "source"
c.CourseDirectory.release_directory = "release"

# Lo que ve el estudiante en lugar de la solución.
c.ClearSolutions.code_stub = {"python": "# TU CÓDIGO AQUÍ\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "ESCRIBE AQUÍ TU RESPUESTA"
c.ClearSolutions.begin_solution_delimeter = "BEGIN SOLUTION"
c.ClearSolutions.end_solution_delimeter = "END SOLUTION"
c.ClearHiddenTests.begin_test_delimeter = "BEGIN HIDDEN TESTS"
c.ClearHiddenTests.end_test_delimeter = "END HIDDEN TESTS"

# Un ciclo infinito no debe colgar la calificación.
c.Execute.timeout = 60
c.Execute.interrupt_on_timeout = True

# Una advertencia en stderr no debe anular una celda correcta (nbgrader #1904).
c.IgnorePattern.enabled = True
c.IgnorePattern.pattern = r".*Warning.*"

# Los gemelos de texto de jupytext (source/NN/NN.py) llevan soluciones: nunca van a release/.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "*.py"]
