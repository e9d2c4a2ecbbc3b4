# Puertas del proyecto: make lab (estudiar), make test (probar todo), make release (publicar).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
LISTO  := $(VENV)/.instalado
PUERTO ?= 8888

.PHONY: lab test release instalar limpiar-venv

$(LISTO): pyproject.toml
	@test -x $(PY) || PYTHON=$(PYTHON) bash herramientas/crear_venv.sh $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[pruebas]'
	@touch $@

instalar: $(LISTO)

## lab: instala lo necesario y abre el curso en JupyterLab sobre tu copia de trabajo (trabajo/)
lab: $(LISTO)
	$(PY) -m herramientas.copia_trabajo
	$(VENV)/bin/jupyter lab --ServerApp.root_dir=trabajo --ServerApp.port=$(PUERTO)

## test: instala lo necesario y corre todas las pruebas
test: $(LISTO)
	$(PY) -m pytest

## release: regenera release/ desde source/ con nbgrader
release: $(LISTO)
	$(PY) -m autograder publicar

limpiar-venv:
	rm -rf $(VENV)
