"""El curso en un navegador de verdad: JupyterLab + Chromium de Debian manejado con Playwright.

Para cada lección publicada con panel: abre la versión del estudiante resuelta, corre todo, mueve
cada deslizador a dos valores y exige que el panel se redibuje; guarda capturas en
resultados-pruebas/capturas/. Para cada lección publicada: el botón Validate de nbgrader aprueba
el cuaderno resuelto y reporta las fallas del cuaderno en blanco.
"""

from __future__ import annotations

import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from requisitos import saltar_o_fallar

from cuadernos import PUBLICADOS, RAIZ, celdas_calificadas, leer
from autograder.clase import cuaderno_resuelto
from navegador.completar import cuantos_paneles
from navegador.lab import (
    CHROMIUM,
    ERROR_WIDGET,
    abrir_cuaderno,
    abrir_navegador,
    cerrar_sesiones,
    ejecutar_todo,
    devolver_deslizador,
    mover_deslizador,
    validar,
)
from navegador.servidor import servidor_lab

CAPTURAS = RAIZ / "resultados-pruebas" / "capturas"
CON_PANEL = [p for p in PUBLICADOS if cuantos_paneles(p)]
_ERRORES = (
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], '
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]'
)


def _falta_algo() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "falta el paquete de Python playwright (make instalar)"
    if not CHROMIUM.exists():
        return f"falta {CHROMIUM} (make sistema instala el paquete chromium de Debian)"
    return None


@dataclass
class Lab:
    url: str
    contexto: object
    raiz: Path


def _resuelto(publicado: Path) -> str:
    return f"{publicado.parent.name}/{publicado.stem}_resuelto.ipynb"


def _en_blanco(publicado: Path) -> str:
    return f"{publicado.parent.name}/{publicado.name}"


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """Un servidor de JupyterLab y un Chromium para todo el módulo, sobre una copia temporal."""
    falta = _falta_algo()
    if falta:
        saltar_o_fallar(f"Prueba de navegador imposible: {falta}.")
    from playwright.sync_api import sync_playwright

    raiz = tmp_path_factory.mktemp("curso")
    shutil.copy2(RAIZ / "nbgrader_config.py", raiz / "nbgrader_config.py")
    for publicado in PUBLICADOS:
        shutil.copytree(publicado.parent, raiz / publicado.parent.name, dirs_exist_ok=True)
        resuelto = cuaderno_resuelto(RAIZ, publicado.parent.name, publicado.stem)
        nbformat.write(resuelto, str(raiz / _resuelto(publicado)))
    privado = tmp_path_factory.mktemp("privado")
    with servidor_lab(raiz, privado) as url, sync_playwright() as playwright:
        contexto = abrir_navegador(playwright, privado / "perfil")
        try:
            yield Lab(url, contexto, raiz)
        finally:
            contexto.close()


@pytest.fixture
def abrir(lab):
    """Abre un cuaderno en una pestaña nueva; al terminar apaga su núcleo y cierra la pestaña."""
    paginas = []

    def _abrir(ruta: str):
        pagina = abrir_cuaderno(lab.contexto, lab.url, ruta)
        paginas.append(pagina)
        return pagina

    yield _abrir
    for pagina in paginas:
        cerrar_sesiones(pagina)


def _nombre_archivo(texto: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", texto.lower()).strip("_")[:40] or "control"


@pytest.mark.parametrize("publicado", CON_PANEL, ids=lambda p: p.parent.name)
def test_paneles_redibujan_al_mover_cada_deslizador(abrir, publicado):
    pagina = abrir(_resuelto(publicado))
    assert ejecutar_todo(pagina), "Run All se detuvo: una celda del cuaderno resuelto falló"
    errores = pagina.locator(_ERRORES)
    assert errores.count() == 0, f"salidas de error al correr el cuaderno resuelto: {errores.all_inner_texts()}"

    paneles = pagina.locator(".panel-curso")
    esperados = cuantos_paneles(publicado)
    limite = time.monotonic() + 60  # las vistas de los widgets se dibujan después de la ejecución
    while paneles.count() < esperados and time.monotonic() < limite:
        time.sleep(0.5)
    assert paneles.count() == esperados, f"se esperaban {esperados} paneles en la página y hay {paneles.count()}"
    CAPTURAS.mkdir(parents=True, exist_ok=True)
    for i in range(esperados):
        panel = paneles.nth(i)
        panel.locator(".jp-OutputArea-output img").first.wait_for()
        deslizadores = panel.locator(".widget-slider")
        assert deslizadores.count() >= 1, f"el panel {i} no tiene deslizadores"
        for j in range(deslizadores.count()):
            deslizador = deslizadores.nth(j)
            nombre = deslizador.locator(".widget-label").first.inner_text()
            asa = deslizador.locator(".noUi-handle").first
            ahora, maximo = (float(asa.get_attribute(a)) for a in ("aria-valuenow", "aria-valuemax"))
            teclas = ("End", "Home") if ahora < maximo else ("Home", "End")
            valores = []
            for paso, tecla in enumerate(teclas):
                # mover_deslizador exige que el panel cambie con cada movimiento.
                valor, _ = mover_deslizador(pagina, panel, deslizador, tecla)
                valores.append(valor)
                if paso == 0:
                    captura = CAPTURAS / f"{publicado.parent.name}__panel{i}__{_nombre_archivo(nombre)}.png"
                    panel.screenshot(path=str(captura))
                    assert captura.stat().st_size > 5000, f"captura vacía: {captura}"
            assert len(set(valores)) == 2, f"«{nombre}» no tomó dos valores distintos: {valores}"
            devolver_deslizador(pagina, deslizador, ahora)
        assert panel.locator(_ERRORES).count() == 0, f"el panel {i} mostró un error: {panel.inner_text()}"
    assert ERROR_WIDGET not in pagina.locator("body").inner_text(), f"«{ERROR_WIDGET}» en la página"


@pytest.mark.parametrize("publicado", PUBLICADOS, ids=lambda p: p.parent.name)
def test_validate_aprueba_el_cuaderno_resuelto(abrir, publicado):
    clase, texto = validar(abrir(_resuelto(publicado)))
    assert clase == "validation-success", f"Validate no aprobó el cuaderno resuelto ({clase}):\n{texto[:3000]}"
    assert "Success" in texto


@pytest.mark.parametrize("publicado", PUBLICADOS, ids=lambda p: p.parent.name)
def test_validate_reporta_fallas_del_cuaderno_en_blanco(abrir, publicado):
    clase, texto = validar(abrir(_en_blanco(publicado)))
    assert clase == "validation-failed", f"Validate no reportó fallas en el cuaderno en blanco ({clase}):\n{texto[:3000]}"
    fallas = texto.count("The following cell failed")
    calificadas = len(celdas_calificadas(leer(publicado)))
    assert fallas == calificadas, f"Validate reportó {fallas} celdas fallidas; hay {calificadas} celdas calificadas"
    assert "NotImplementedError" in texto
