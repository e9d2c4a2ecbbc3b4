"""El curso en un navegador de verdad: el JupyterLab de ``make lab`` + Chromium de Debian manejado con Playwright.

El laboratorio del estudiante está en español, sin herramientas del instructor y abre la lección 01.
Para cada lección (la versión del estudiante que genera nbgrader): Run All sobre el cuaderno nuevo
llega a la última celda y dibuja cada panel; con panel: el cuaderno resuelto mueve cada deslizador
y el panel se redibuja; un cuaderno guardado y reabierto no muestra «Error displaying widget»; el
botón Validate de nbgrader aprueba el resuelto, reporta las fallas del cuaderno en blanco y deja el
mensaje en español en su primera pantalla. El botón se prueba en la primera lección, en la 09 (la de
los modelos entrenados) y en la última; el Validate de cada lección, con el mismo Validator de nbgrader
que llama el botón, está en test_validate.py y test_cuadernos.py. Las capturas van a
resultados-pruebas/capturas/.
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
from autograder.clase import ERRORES_TIPICOS, cuaderno_resuelto
from autograder.curso import generar_release
from navegador.completar import cuantos_paneles
from navegador.lab import (
    CHROMIUM,
    ERROR_WIDGET,
    abrir_cuaderno,
    abrir_navegador,
    celdas_sin_ejecutar,
    cerrar_sesiones,
    ejecutar_todo,
    guardar,
    devolver_deslizador,
    mover_deslizador,
    validar,
)
from navegador.servidor import servidor_lab

CAPTURAS = RAIZ / "resultados-pruebas" / "capturas"
CON_PANEL = [p for p in PUBLICADOS if cuantos_paneles(p)]
#: Las lecciones donde se aprieta Validate en el navegador: la primera, la 09 y la última.
CON_BOTON = sorted({PUBLICADOS[0], PUBLICADOS[-1], *(p for p in PUBLICADOS if p.parent.name.startswith("09_"))})
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

    # La versión del estudiante la genera nbgrader aquí mismo (con las etiquetas de autograder.etiquetas),
    # como la deja `make release`; las soluciones salen de source/.
    generado = tmp_path_factory.mktemp("generado")
    generar_release(generado / "release")
    (generado / "source").symlink_to(RAIZ / "source")
    raiz = tmp_path_factory.mktemp("curso")
    shutil.copy2(RAIZ / "nbgrader_config.py", raiz / "nbgrader_config.py")
    for publicado in PUBLICADOS:
        shutil.copytree(generado / "release" / publicado.parent.name, raiz / publicado.parent.name, dirs_exist_ok=True)
        resuelto = cuaderno_resuelto(generado, publicado.parent.name, publicado.stem)
        nbformat.write(resuelto, str(raiz / _resuelto(publicado)))
    privado = tmp_path_factory.mktemp("privado")
    with servidor_lab(raiz, privado, abrir=_en_blanco(PUBLICADOS[0])) as url, sync_playwright() as playwright:
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


def _esperar_paneles(pagina, esperados: int):
    paneles = pagina.locator(".panel-curso")
    limite = time.monotonic() + 60  # las vistas de los widgets se dibujan después de la ejecución
    while paneles.count() < esperados and time.monotonic() < limite:
        time.sleep(0.5)
    return paneles


def test_laboratorio_del_estudiante_en_espanol_sin_instructor_y_en_la_leccion_01(lab):
    pagina = lab.contexto.new_page()
    try:
        pagina.goto(lab.url)  # la página de inicio de `make lab`
        pagina.wait_for_function(
            "() => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;"
            " return w && w.context && w.context.path; }")
        abierto = pagina.evaluate("() => window.jupyterapp.shell.currentWidget.context.path")
        assert abierto == _en_blanco(PUBLICADOS[0]), f"abrió {abierto}"
        pagina.wait_for_selector(".jp-NotebookPanel .jp-Cell")
        time.sleep(5)  # la pregunta de noticias, si la hubiera, aparece unos segundos después de cargar
        menus = pagina.locator(".lm-MenuBar-itemLabel").all_inner_texts()
        assert {"Archivo", "Editar", "Ver", "Ayuda"} <= set(menus), f"menús: {menus}"
        assert not {"File", "Edit", "View", "Help", "Nbgrader"} & set(menus), f"menús: {menus}"
        comandos = pagina.evaluate(
            """() => ['nbgrader:open-formgrader', 'nbgrader:open-create-assignment', 'nbgrader:open-course-list',
                      'nbgrader:open-assignment-list'].filter(c => window.jupyterapp.commands.hasCommand(c))""")
        assert comandos == [], f"herramientas del instructor en el laboratorio del estudiante: {comandos}"
        texto = pagina.locator("body").inner_text()
        for ajeno in ("Create Assignment", "Formgrader", "official Jupyter news"):
            assert ajeno not in texto, f"«{ajeno}» en la página del estudiante"
        assert pagina.locator(".validate-button").count() == 1, "falta el botón Validate"
        for ruta in ("formgrader", "formgrader/api/assignments", "courses"):
            respuesta = pagina.request.get(lab.url + ruta)
            assert respuesta.status == 404, f"/{ruta} respondió {respuesta.status}: la extensión de servidor sigue activa"
        CAPTURAS.mkdir(parents=True, exist_ok=True)
        pagina.screenshot(path=str(CAPTURAS / "lab_estudiante_inicio.png"))
    finally:
        cerrar_sesiones(pagina)


def test_laboratorio_del_instructor_conserva_sus_herramientas(lab, tmp_path):
    raiz = tmp_path / "repositorio"
    raiz.mkdir()
    shutil.copy2(RAIZ / "nbgrader_config.py", raiz / "nbgrader_config.py")
    with servidor_lab(raiz, tmp_path / "privado", instructor=True) as url:
        pagina = lab.contexto.new_page()
        try:
            pagina.goto(url + "lab")
            pagina.wait_for_function("() => window.jupyterapp && window.jupyterapp.commands.hasCommand('nbgrader:open-formgrader')")
            pagina.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").wait_for()
            assert "Archivo" in pagina.locator(".lm-MenuBar-itemLabel").all_inner_texts()
            assert pagina.request.get(url + "formgrader").status != 404
        finally:
            pagina.close()


@pytest.mark.parametrize("publicado", PUBLICADOS, ids=lambda p: p.parent.name)
def test_run_all_en_una_leccion_nueva_llega_al_final(abrir, publicado):
    pagina = abrir(_en_blanco(publicado))
    ejecutar_todo(pagina)  # devuelve falso: los ejercicios sin resolver fallan (y así debe ser)
    faltan = celdas_sin_ejecutar(pagina)
    assert not faltan, f"Run All no ejecutó las celdas {faltan}"
    esperados = cuantos_paneles(publicado)
    paneles = _esperar_paneles(pagina, esperados)
    assert paneles.count() == esperados, f"se esperaban {esperados} paneles dibujados y hay {paneles.count()}"
    for i in range(esperados):
        paneles.nth(i).locator(".jp-OutputArea-output img").first.wait_for()
    # Solo fallan celdas que nbgrader/autograder.etiquetas marcó (ejercicios y lo que depende de ellos).
    fallidas = pagina.evaluate(
        """() => {
            const cuaderno = window.jupyterapp.shell.currentWidget.content;
            return cuaderno.widgets.filter(c => c.model.type === 'code'
                && c.node.querySelector('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], '
                                        + '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]')
                && !(c.model.getMetadata('tags') || []).includes('raises-exception')).length;
        }""")
    assert fallidas == 0, f"{fallidas} celdas sin la etiqueta raises-exception fallaron"
    CAPTURAS.mkdir(parents=True, exist_ok=True)
    pagina.screenshot(path=str(CAPTURAS / f"{publicado.parent.name}__run_all_nuevo.png"), full_page=False)
    _capturar_diagramas(pagina, publicado.parent.name)


def _capturar_diagramas(pagina, leccion: str) -> None:
    """Guarda la captura de cada diagrama de la lección y revisa que se lea al ancho del cuaderno (sin achicarlo
    a menos de 3/4 de su tamaño ni desbordar el área de la celda)."""
    cuantos = pagina.evaluate(
        """async () => {
            const cuaderno = window.jupyterapp.shell.currentWidget.content;
            let n = 0;
            for (const celda of cuaderno.widgets) {
                if (celda.model.type !== 'code' || !/\\bdiagrama_\\w+\\(/.test(celda.model.sharedModel.getSource())) continue;
                await cuaderno.scrollToCell(celda);
                celda.node.setAttribute('data-diagrama', String(++n));
            }
            return n;
        }""")
    assert cuantos >= 1, f"{leccion} no tiene ningún diagrama"
    for n in range(1, cuantos + 1):
        celda = pagina.locator(f'[data-diagrama="{n}"]')
        celda.scroll_into_view_if_needed()
        imagen = celda.locator(".jp-OutputArea-output img").first
        imagen.wait_for()
        pagina.wait_for_function("i => i.complete && i.naturalWidth > 0", arg=imagen.element_handle())
        natural, visible, area = imagen.evaluate(
            "i => [i.naturalWidth, i.getBoundingClientRect().width,"
            " i.closest('.jp-OutputArea-output').getBoundingClientRect().width]")
        captura = CAPTURAS / f"{leccion}__diagrama{n}.png"
        imagen.screenshot(path=str(captura))
        assert captura.stat().st_size > 5000, f"captura vacía: {captura}"
        assert visible >= 0.75 * natural, f"{captura.name}: se muestra a {visible:.0f} px de sus {natural} px"
        assert visible <= area + 1, f"{captura.name}: {visible:.0f} px no caben en los {area:.0f} px de la celda"


def test_cuaderno_reabierto_sin_error_de_widget(lab, abrir):
    publicado = CON_PANEL[0]
    ruta = f"{publicado.parent.name}/reabierto.ipynb"
    shutil.copy2(lab.raiz / _resuelto(publicado), lab.raiz / ruta)
    pagina = abrir(ruta)
    assert ejecutar_todo(pagina)
    esperados = cuantos_paneles(publicado)
    assert _esperar_paneles(pagina, esperados).count() == esperados
    guardar(pagina)
    cerrar_sesiones(pagina)
    guardado = nbformat.read(str(lab.raiz / ruta), as_version=4)
    assert "application/vnd.jupyter.widget-state+json" in guardado.metadata.get("widgets", {}), \
        "el estado de los widgets no se guardó con el cuaderno"

    otra = abrir(ruta)  # sin ejecutar nada
    paneles = _esperar_paneles(otra, esperados)
    time.sleep(3)  # las vistas restauradas se dibujan después de abrir
    texto = otra.locator("body").inner_text()
    assert ERROR_WIDGET not in texto, f"«{ERROR_WIDGET}» al reabrir el cuaderno guardado"
    assert paneles.count() == esperados, f"al reabrir se ven {paneles.count()} de {esperados} paneles"
    aviso = paneles.first.evaluate("(p) => getComputedStyle(p, '::after').content")
    assert "ejecuta su celda" in aviso, f"el panel reabierto no dice que hay que ejecutar su celda: {aviso}"
    CAPTURAS.mkdir(parents=True, exist_ok=True)
    paneles.first.screenshot(path=str(CAPTURAS / f"{publicado.parent.name}__panel_reabierto.png"))


def test_validate_deja_el_mensaje_en_espanol_en_la_primera_pantalla(lab, abrir):
    publicado = PUBLICADOS[0]
    nb = leer(lab.raiz / _resuelto(publicado))
    buscar, reemplazar, _ = ERRORES_TIPICOS[0]  # [x; h] en lugar de [h; x]
    celda = next(c for c in nb.cells if buscar in c.source)
    celda.source = celda.source.replace(buscar, reemplazar, 1)
    ruta = f"{publicado.parent.name}/error_tipico.ipynb"
    nbformat.write(nb, str(lab.raiz / ruta))
    CAPTURAS.mkdir(parents=True, exist_ok=True)
    captura = CAPTURAS / f"{publicado.parent.name}__validate_error_tipico.png"
    clase, texto, visible = validar(abrir(ruta), captura=captura)
    assert clase == "validation-failed", texto[:2000]
    errores = [l for l in texto.splitlines() if re.match(r"^\w*(Error|Exception)\b.*:", l)]
    assert errores, f"Validate no mostró la excepción:\n{texto[:3000]}"
    mensaje = errores[0]
    assert re.search(r"[áéíóúñ¿]|\b(debe|revisa|esperado|tu|la|el)\b", mensaje, re.I), f"mensaje no en español: {mensaje}"
    # El texto visible viene por nodos (el resaltado parte los renglones): se compara sin espacios.
    compacto = lambda t: re.sub(r"\s+", "", t)  # noqa: E731
    assert compacto(mensaje) in compacto(visible), f"el mensaje «{mensaje}» no se ve sin desplazar; primera pantalla:\n{visible}"
    assert captura.stat().st_size > 5000


@pytest.mark.parametrize("publicado", CON_PANEL, ids=lambda p: p.parent.name)
def test_paneles_redibujan_al_mover_cada_deslizador(abrir, publicado):
    pagina = abrir(_resuelto(publicado))
    assert ejecutar_todo(pagina), "Run All se detuvo: una celda del cuaderno resuelto falló"
    errores = pagina.locator(_ERRORES)
    assert errores.count() == 0, f"salidas de error al correr el cuaderno resuelto: {errores.all_inner_texts()}"

    esperados = cuantos_paneles(publicado)
    paneles = _esperar_paneles(pagina, esperados)
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
            devolver_deslizador(pagina, panel, deslizador, ahora)
        assert panel.locator(_ERRORES).count() == 0, f"el panel {i} mostró un error: {panel.inner_text()}"
    assert ERROR_WIDGET not in pagina.locator("body").inner_text(), f"«{ERROR_WIDGET}» en la página"


@pytest.mark.parametrize("publicado", CON_BOTON, ids=lambda p: p.parent.name)
def test_validate_aprueba_el_cuaderno_resuelto(abrir, publicado):
    clase, texto = validar(abrir(_resuelto(publicado)))
    assert clase == "validation-success", f"Validate no aprobó el cuaderno resuelto ({clase}):\n{texto[:3000]}"
    assert "Success" in texto


@pytest.mark.parametrize("publicado", CON_BOTON, ids=lambda p: p.parent.name)
def test_validate_reporta_fallas_del_cuaderno_en_blanco(abrir, publicado):
    CAPTURAS.mkdir(parents=True, exist_ok=True)
    captura = CAPTURAS / f"{publicado.parent.name}__validate_en_blanco.png"
    clase, texto, visible = validar(abrir(_en_blanco(publicado)), captura=captura)
    assert clase == "validation-failed", f"Validate no reportó fallas en el cuaderno en blanco ({clase}):\n{texto[:3000]}"
    fallas = texto.count("The following cell failed")
    calificadas = len(celdas_calificadas(leer(publicado)))
    assert fallas == calificadas, f"Validate reportó {fallas} celdas fallidas; hay {calificadas} celdas calificadas"
    assert "NotImplementedError" in texto
    # El final del primer error (donde va el mensaje de la prueba) se ve sin desplazar.
    assert "NotImplementedError" in visible, f"el primer error no se ve en la primera pantalla:\n{visible}"


def test_el_laboratorio_del_estudiante_no_crea_gradebook(lab):
    """Al final del módulo (después de abrir, ejecutar y validar cuadernos): ni un gradebook.db en la copia del estudiante."""
    assert not list(lab.raiz.rglob("gradebook.db")), "el laboratorio del estudiante creó un gradebook.db"
