"""Un JupyterLab efímero (puerto libre de loopback, sin token) sobre una copia temporal del curso."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Iterator

from herramientas import lab

__all__ = ["puerto_libre", "servidor_lab", "VARIABLES_QUITADAS"]

#: Con estas variables los paneles dibujan figuras fijas (ver course/paneles/base.py) o el núcleo
#: no usaría el backend en línea; el servidor y sus núcleos no deben heredarlas de pytest.
VARIABLES_QUITADAS = ("CURSO_ESTATICO", "NBGRADER_EXECUTION", "NBGRADER_VALIDATING", "MPLBACKEND")

# Ajuste propio de las pruebas: sin virtualizar celdas (todas en el DOM). Idioma, noticias y extensiones
# vienen de la configuración del curso (herramientas/lab), la misma de `make lab`.
_AJUSTES = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}


def puerto_libre() -> int:
    """Un puerto TCP libre en 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _entorno(privado: Path, instructor: bool) -> dict[str, str]:
    variables = lab.entorno(instructor, {k: v for k, v in os.environ.items() if k not in VARIABLES_QUITADAS})
    # Archivos de ejecución propios: nada de otros servidores ni de ~/.ipython.
    for variable, carpeta in (("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython")) + (
            (("JUPYTER_CONFIG_DIR", "config"),) if instructor else ()):
        (privado / carpeta).mkdir(parents=True, exist_ok=True)
        variables[variable] = str(privado / carpeta)
    return variables


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
def servidor_lab(raiz: Path, privado: Path, abrir: str | None = None, instructor: bool = False,
                 espera: float = 180.0) -> Iterator[str]:
    """Arranca el JupyterLab de ``make lab`` (``herramientas.lab``; el del instructor si ``instructor``)
    con ``root_dir = raiz`` y el directorio de trabajo en ``raiz`` (el botón Validate de nbgrader lee
    ``nbgrader_config.py`` del directorio de trabajo); ``abrir`` es el cuaderno de la página de inicio.

    Produce la URL base (``http://127.0.0.1:PUERTO/``). ``privado`` guarda la configuración,
    los ajustes y el registro del servidor. Al salir apaga el servidor y sus núcleos.
    """
    puerto = puerto_libre()
    url = f"http://127.0.0.1:{puerto}/"
    ajustes = privado / "ajustes"
    _escribir_ajustes(ajustes)
    registro = (privado / "jupyterlab.log").open("w")
    orden = lab.orden(raiz, abrir=abrir, puerto=puerto, extra=[
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        "--ServerApp.port_retries=0",
        "--IdentityProvider.token=",
        "--ServerApp.password=",
        "--ServerApp.disable_check_xsrf=True",
        "--LabApp.expose_app_in_browser=True",
        f"--LabApp.user_settings_dir={ajustes}",
        f"--LabApp.workspaces_dir={privado / 'espacios'}",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ])
    proceso = subprocess.Popen(orden, cwd=raiz, env=_entorno(privado, instructor), stdout=registro,
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
