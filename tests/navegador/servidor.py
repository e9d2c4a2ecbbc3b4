"""Un JupyterLab efímero (puerto libre de loopback, sin token) sobre una copia temporal del curso."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Iterator

__all__ = ["puerto_libre", "servidor_lab", "VARIABLES_QUITADAS"]

#: Con estas variables los paneles dibujan figuras fijas (ver course/paneles/base.py) o el núcleo
#: no usaría el backend en línea; el servidor y sus núcleos no deben heredarlas de pytest.
VARIABLES_QUITADAS = ("CURSO_ESTATICO", "NBGRADER_EXECUTION", "NBGRADER_VALIDATING", "MPLBACKEND")

# Ajustes de JupyterLab: sin virtualizar celdas (todas en el DOM) y sin pedir noticias a internet.
_AJUSTES = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


def puerto_libre() -> int:
    """Un puerto TCP libre en 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _entorno(privado: Path) -> dict[str, str]:
    entorno = {k: v for k, v in os.environ.items() if k not in VARIABLES_QUITADAS}
    # Configuración y archivos de ejecución propios: nada de ~/.jupyter ni de otros servidores.
    for variable, carpeta in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_RUNTIME_DIR", "runtime"),
                              ("IPYTHONDIR", "ipython")):
        (privado / carpeta).mkdir(parents=True, exist_ok=True)
        entorno[variable] = str(privado / carpeta)
    (privado / "config" / "nbgrader_config.py").write_text(_NBGRADER_CONFIG)
    entorno["PATH"] = str(Path(sys.executable).parent) + os.pathsep + entorno.get("PATH", "")
    return entorno


#: Configuración de nbgrader que Validate suma a la del curso (la lee de JUPYTER_CONFIG_DIR). nbgrader
#: espera la salida de cada celda solo 4 s (nbclient ``iopub_timeout``) y con ``raise_on_iopub_timeout``
#: aborta la validación: con la máquina cargada, la lección 09 a veces tarda más.
_NBGRADER_CONFIG = "c = get_config()  # noqa: F821\nc.Execute.iopub_timeout = 60\n"


def _escribir_ajustes(carpeta: Path) -> None:
    for nombre, valores in _AJUSTES.items():
        ruta = carpeta / nombre
        ruta.parent.mkdir(parents=True, exist_ok=True)
        ruta.write_text(json.dumps(valores))


def _listo(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "api/status", timeout=5) as respuesta:
            return respuesta.status == 200
    except OSError:
        return False


@contextlib.contextmanager
def servidor_lab(raiz: Path, privado: Path, espera: float = 180.0) -> Iterator[str]:
    """Arranca ``python -m jupyter lab`` con ``root_dir = raiz`` y el directorio de trabajo en ``raiz``
    (el botón Validate de nbgrader lee ``nbgrader_config.py`` del directorio de trabajo).

    Produce la URL base (``http://127.0.0.1:PUERTO/``). ``privado`` guarda la configuración,
    los ajustes y el registro del servidor. Al salir apaga el servidor y sus núcleos.
    """
    puerto = puerto_libre()
    url = f"http://127.0.0.1:{puerto}/"
    ajustes = privado / "ajustes"
    _escribir_ajustes(ajustes)
    registro = (privado / "jupyterlab.log").open("w")
    orden = [
        sys.executable, "-m", "jupyter", "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={puerto}",
        "--ServerApp.port_retries=0",
        "--ServerApp.allow_root=True",  # CI corre como root
        "--IdentityProvider.token=",
        "--ServerApp.password=",
        "--ServerApp.disable_check_xsrf=True",
        f"--ServerApp.root_dir={raiz}",
        "--LabApp.expose_app_in_browser=True",
        f"--LabApp.user_settings_dir={ajustes}",
        f"--LabApp.workspaces_dir={privado / 'espacios'}",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    proceso = subprocess.Popen(orden, cwd=raiz, env=_entorno(privado), stdout=registro,
                               stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        limite = time.monotonic() + espera
        while not _listo(url):
            if proceso.poll() is not None or time.monotonic() > limite:
                registro.flush()
                cola = (privado / "jupyterlab.log").read_text(errors="replace")[-3000:]
                raise RuntimeError(f"JupyterLab no arrancó en {url} (código {proceso.poll()}):\n{cola}")
            time.sleep(0.5)
        yield url
    finally:
        _apagar(proceso, url)
        registro.close()


def _apagar(proceso: subprocess.Popen, url: str) -> None:
    """Apagado limpio por la API (cierra los núcleos); si no responde, termina el proceso."""
    if proceso.poll() is None:
        try:
            peticion = urllib.request.Request(url + "api/shutdown", method="POST", data=b"")
            urllib.request.urlopen(peticion, timeout=10).close()
        except OSError:
            pass
        try:
            proceso.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proceso.terminate()
            try:
                proceso.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proceso.kill()
                proceso.wait()
