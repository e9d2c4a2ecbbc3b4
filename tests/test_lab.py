"""La configuración de ``make lab``: apaga justo las extensiones de instructor de nbgrader y abre la lección pendiente."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from herramientas import lab

_NBGRADER = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "@jupyter" / "nbgrader"


def _plugins_de_nbgrader() -> set[str]:
    texto = "".join(p.read_text(errors="replace") for p in (_NBGRADER / "static").glob("*.js"))
    return set(re.findall(r'"(@jupyter/nbgrader:[a-z-]+)"', texto))


def test_apaga_las_extensiones_de_instructor_y_deja_validate():
    apagadas = json.loads((lab.ESTUDIANTE / "labconfig" / "page_config.json").read_text())["disabledExtensions"]
    existentes = _plugins_de_nbgrader()
    assert existentes, f"no encontré la extensión de nbgrader en {_NBGRADER}"
    assert set(apagadas) <= existentes, f"nombres que nbgrader no tiene: {set(apagadas) - existentes}"
    assert existentes - set(apagadas) == {"@jupyter/nbgrader:validate-assignment"}
    servidor = json.loads((lab.ESTUDIANTE / "jupyter_server_config.json").read_text())["ServerApp"]["jpserver_extensions"]
    assert [m for m, activa in servidor.items() if activa] == ["nbgrader.server_extensions.validate_assignment"]


def test_ajustes_del_proyecto():
    ajustes = json.loads((lab.AJUSTES / "overrides.json").read_text())
    assert ajustes["@jupyterlab/translation-extension:plugin"]["locale"] == "es_ES"
    assert ajustes["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    assert ajustes["@jupyter-widgets/jupyterlab-manager:plugin"]["saveState"] is True
    import jupyterlab_language_pack_es_ES  # noqa: F401  (el paquete de idioma está instalado)


def test_orden_y_entorno(tmp_path):
    orden = lab.orden(tmp_path / "trabajo", estado=tmp_path / "estado", abrir="01_a/01_a.ipynb", puerto=9999)
    assert f"--LabApp.app_settings_dir={lab.AJUSTES}" in orden
    assert "--LabApp.default_url=/lab/tree/01_a/01_a.ipynb" in orden
    assert f"--LabApp.user_settings_dir={tmp_path / 'estado' / 'ajustes'}" in orden
    estudiante = lab.entorno(base={"PATH": "/usr/bin"})
    assert estudiante["PATH"].split(":")[0] == str(Path(sys.executable).parent)  # alembic para nbgrader
    assert estudiante["JUPYTER_CONFIG_DIR"] == str(lab.ESTUDIANTE)
    assert "JUPYTER_CONFIG_DIR" not in lab.entorno(instructor=True, base={"PATH": "/usr/bin"})
