# Puertas del proyecto: make lab (estudiar), make test (probar todo), make release (publicar),
# make bench (medir), make demo (calificar una clase de ejemplo).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
LISTO  := $(VENV)/.instalado
PUERTO ?= 8888

.PHONY: lab lab-instructor calificar-mi-trabajo test release distribucion bench demo instalar sistema caja torch limpiar-venv

$(LISTO): pyproject.toml
	@test -x $(PY) || PYTHON=$(PYTHON) bash herramientas/crear_venv.sh $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[pruebas]'
	@touch $@

instalar: $(LISTO)

## sistema: paquetes de Debian para las pruebas de navegador y ortografía (si faltan y se puede)
sistema:
	@bash herramientas/instalar_sistema.sh

## caja: bubblewrap, la caja de cada núcleo al calificar (si falta y se puede)
caja:
	@bash herramientas/instalar_sistema.sh bubblewrap

## torch: PyTorch (CPU) para comparar las referencias con un marco real
torch: $(LISTO)
	@$(PY) -c "import torch" 2>/dev/null || $(PY) -m pip install --quiet --disable-pip-version-check 'torch==2.13.0'

## lab: instala lo necesario y abre el curso en JupyterLab (en español) sobre tu copia de trabajo (trabajo/),
## en la primera lección que no has terminado
lab: $(LISTO)
	@$(PY) -m herramientas.lab --puerto=$(PUERTO)

## lab-instructor: JupyterLab sobre el repositorio con las herramientas de nbgrader (Formgrader, Create Assignment)
lab-instructor: $(LISTO)
	@$(PY) -m herramientas.lab --instructor --puerto=$(PUERTO)

## calificar-mi-trabajo: califica tu trabajo/ con las pruebas ocultas, como al grupo; deja tu avance en trabajo/mi_calificacion/
calificar-mi-trabajo: $(LISTO) caja
	@$(PY) -m autograder mi-trabajo

## test: instala lo necesario y corre todas las pruebas (en CI también instala lo del sistema y torch), con un
## proceso de pytest-xdist más que núcleos (mientras uno espera a un núcleo de Jupyter o al navegador, los demás
## calculan); cada módulo va entero a un proceso, los lentos primero (tests/conftest.py)
PROCESOS_PRUEBAS ?= $(shell echo $$(( $$(nproc 2>/dev/null || echo 1) + 1 )))
test: $(LISTO) caja $(if $(CI),sistema torch)
	$(PY) -m pytest -n $(PROCESOS_PRUEBAS) --dist loadfile --no-loadscope-reorder

## release: sincroniza cada lección con su gemelo de texto (jupytext) y regenera release/ con nbgrader
release: $(LISTO)
	$(PY) -m autograder publicar

## distribucion: dist/memoria-recurrente-estudiante.zip, lo que se entrega a la clase (cuadernos, paquete course, LEEME)
distribucion: $(LISTO)
	$(PY) -m autograder distribuir

## bench: mide la velocidad y la calidad de los modelos y del calificador
bench: $(LISTO) caja torch
	$(PY) -m herramientas.bench

## demo: todo el proceso de calificación sobre una clase de ejemplo empaquetada como zip de Moodle
demo: $(LISTO) caja
	$(PY) -m autograder demo

limpiar-venv:
	rm -rf $(VENV)
