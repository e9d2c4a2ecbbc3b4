# Puertas del proyecto: make lab (estudiar), make test (probar todo), make release (publicar),
# make bench (medir), make demo (calificar una clase de ejemplo).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
LISTO  := $(VENV)/.instalado
PUERTO ?= 8888
# Jupyter se niega a correr como root sin este permiso (contenedores, máquinas de CI).
COMO_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: lab test release bench demo instalar sistema torch limpiar-venv

$(LISTO): pyproject.toml
	@test -x $(PY) || PYTHON=$(PYTHON) bash herramientas/crear_venv.sh $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[pruebas]'
	@touch $@

instalar: $(LISTO)

## sistema: paquetes de Debian para las pruebas de navegador y ortografía (si faltan y se puede)
sistema:
	@bash herramientas/instalar_sistema.sh

## torch: PyTorch (CPU) para comparar las referencias con un marco real
torch: $(LISTO)
	@$(PY) -c "import torch" 2>/dev/null || $(PY) -m pip install --quiet --disable-pip-version-check 'torch==2.13.0'

## lab: instala lo necesario y abre el curso en JupyterLab sobre tu copia de trabajo (trabajo/)
lab: $(LISTO)
	$(PY) -m herramientas.copia_trabajo
	$(VENV)/bin/jupyter lab --ServerApp.root_dir=trabajo --ServerApp.port=$(PUERTO) $(COMO_ROOT)

## test: instala lo necesario y corre todas las pruebas (en CI también instala lo del sistema y torch)
test: $(LISTO) $(if $(CI),sistema torch)
	$(PY) -m pytest

## release: sincroniza cada lección con su gemelo de texto (jupytext) y regenera release/ con nbgrader
release: $(LISTO)
	$(VENV)/bin/jupytext --sync --quiet source/*/*.ipynb
	$(PY) -m autograder publicar

## bench: mide la velocidad y la calidad de los modelos y del calificador
bench: $(LISTO) torch
	$(PY) -m herramientas.bench

## demo: todo el proceso de calificación sobre una clase de ejemplo empaquetada como zip de Moodle
demo: $(LISTO)
	$(PY) -m autograder demo

limpiar-venv:
	rm -rf $(VENV)
