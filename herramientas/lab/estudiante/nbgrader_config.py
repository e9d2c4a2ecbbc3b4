"""Configuración de nbgrader que el botón Validate del laboratorio del estudiante suma a la del curso."""

c = get_config()  # noqa: F821  (nbgrader la inyecta)

# nbclient espera la salida de cada celda solo 4 s y nbgrader aborta Validate al agotarse
# (raise_on_iopub_timeout): con la máquina cargada, la lección 09 a veces tarda más.
c.Execute.iopub_timeout = 60
