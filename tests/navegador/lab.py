"""Chromium de Debian manejado con Playwright: abrir cuadernos en JupyterLab, mover deslizadores, validar."""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import quote

__all__ = [
    "CHROMIUM",
    "BANDERAS",
    "abrir_navegador",
    "abrir_cuaderno",
    "ejecutar_todo",
    "esperar_inactivo",
    "estado_panel",
    "mover_deslizador",
    "validar",
    "celdas_sin_ejecutar",
    "guardar",
    "cerrar_sesiones",
    "ERROR_WIDGET",
]

CHROMIUM = Path("/usr/bin/chromium")

#: Esta máquina no tiene salida a internet: nada de conexiones en segundo plano.
BANDERAS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

ERROR_WIDGET = "Error displaying widget"
ESPERA_MS = 180_000


def abrir_navegador(playwright, perfil: Path):
    """Un contexto persistente de Chromium con un perfil nuevo en ``perfil`` (--user-data-dir)."""
    contexto = playwright.chromium.launch_persistent_context(
        str(perfil),
        executable_path=str(CHROMIUM),
        headless=True,
        args=BANDERAS,
        viewport={"width": 1400, "height": 1000},
    )
    contexto.set_default_timeout(ESPERA_MS)
    return contexto


_CONTADOR = iter(range(1_000_000))


def abrir_cuaderno(contexto, url: str, ruta: str):
    """Abre ``ruta`` (relativa a la raíz del servidor) en un espacio de trabajo nuevo y espera al núcleo."""
    pagina = contexto.new_page()
    espacio = f"prueba{next(_CONTADOR)}"
    pagina.goto(f"{url}lab/workspaces/{espacio}/tree/{quote(ruta)}")
    pagina.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell")
    pagina.wait_for_function(
        """(ruta) => {
            const app = window.jupyterapp;
            const w = app && app.shell.currentWidget;
            const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
            return w && w.context.path === ruta && k && k.status === 'idle';
        }""",
        arg=ruta,
        timeout=ESPERA_MS,
    )
    return pagina


def ejecutar_todo(pagina) -> bool:
    """Corre todas las celdas (Run All de JupyterLab) y espera a que el núcleo termine."""
    ok = pagina.evaluate(
        """async (limite) => {
            const espera = new Promise((_, rechazar) => setTimeout(() => rechazar(new Error('tiempo agotado')), limite));
            return await Promise.race([window.jupyterapp.commands.execute('notebook:run-all-cells'), espera]);
        }""",
        ESPERA_MS,
    )
    esperar_inactivo(pagina)
    return bool(ok)


def esperar_inactivo(pagina, estable: float = 1.0, panel=None) -> None:
    """Espera a que el núcleo quede inactivo durante ``estable`` segundos seguidos (y, con ``panel``, sin que el panel cambie)."""
    limite = time.monotonic() + ESPERA_MS / 1000
    desde, visto = None, None
    while time.monotonic() < limite:
        inactivo = pagina.evaluate(
            """() => {
                const w = window.jupyterapp.shell.currentWidget;
                const k = w.sessionContext.session && w.sessionContext.session.kernel;
                const ocupadas = [...document.querySelectorAll('.jp-InputPrompt')].some(p => p.textContent.includes('*'));
                return k && k.status === 'idle' && !ocupadas;
            }"""
        )
        ahora = estado_panel(panel) if panel is not None else None
        if inactivo and ahora == visto:
            desde = desde or time.monotonic()
            if time.monotonic() - desde >= estable:
                return
        else:
            desde = None
        visto = ahora
        time.sleep(0.1)
    raise TimeoutError("el núcleo no terminó de ejecutar a tiempo")


#: Tras mover un deslizador: el núcleo inactivo y el panel quieto este tiempo (cada cambio de valor ya se vio redibujar).
QUIETO_TRAS_MOVER = 0.4


def estado_panel(panel) -> tuple[tuple[str, ...], str]:
    """Lo que cambia cuando un panel se redibuja: las fuentes de sus imágenes y su texto de lectura."""
    return panel.evaluate(
        """(p) => [
            [...p.querySelectorAll('.jp-OutputArea-output img')].map(i => i.src),
            [...p.querySelectorAll('.widget-html-content')].map(e => e.innerText).join('\\n'),
        ]"""
    )


def _valor(deslizador) -> tuple[float, float, float]:
    asa = deslizador.locator(".noUi-handle").first
    return tuple(float(asa.get_attribute(a)) for a in ("aria-valuenow", "aria-valuemin", "aria-valuemax"))


def mover_deslizador(pagina, panel, deslizador, tecla: str, espera: float = 120.0) -> tuple[float, tuple]:
    """Enfoca el asa del deslizador, pulsa ``tecla`` y espera a que el panel se redibuje.

    Devuelve ``(valor nuevo, estado nuevo del panel)``; el valor es ``aria-valuenow`` del asa
    (funciona aunque el deslizador no muestre su lectura). Falla si el valor no cambia o si el
    panel no se redibuja (ni la imagen ni el texto de lectura cambian).
    """
    antes = estado_panel(panel)
    valor_antes = _valor(deslizador)[0]
    asa = deslizador.locator(".noUi-handle").first
    asa.scroll_into_view_if_needed()
    asa.focus()
    pagina.keyboard.press(tecla)
    limite = time.monotonic() + espera
    while _valor(deslizador)[0] == valor_antes:
        if time.monotonic() > limite:
            raise AssertionError(f"el deslizador no cambió de valor con la tecla {tecla}")
        time.sleep(0.1)
    while estado_panel(panel) == antes:
        if time.monotonic() > limite:
            raise AssertionError(f"el panel no se redibujó tras mover el deslizador con {tecla}")
        time.sleep(0.1)
    esperar_inactivo(pagina, QUIETO_TRAS_MOVER, panel)
    return _valor(deslizador)[0], estado_panel(panel)


def devolver_deslizador(pagina, panel, deslizador, objetivo: float, maximo_pasos: int = 400) -> float:
    """Regresa el deslizador a ``objetivo`` con las flechas, para probar el siguiente desde el estado inicial.

    (Un deslizador movido a un extremo puede anular el efecto de otro: f = 0 al guardar deja
    C = 0 y entonces f al olvidar ya no cambia nada.)
    """
    asa = deslizador.locator(".noUi-handle").first
    asa.focus()
    for _ in range(maximo_pasos):
        actual = _valor(deslizador)[0]
        if abs(actual - objetivo) < 1e-9:
            break
        pagina.keyboard.press("ArrowRight" if actual < objetivo else "ArrowLeft")
        nuevo = _valor(deslizador)[0]
        if (actual < objetivo) != (nuevo < objetivo) and abs(nuevo - objetivo) > 1e-9:
            break  # el paso del deslizador no cae exacto en el objetivo
    esperar_inactivo(pagina, QUIETO_TRAS_MOVER, panel)
    return _valor(deslizador)[0]


def validar(pagina, captura: Path | None = None) -> tuple[str, str] | tuple[str, str, str]:
    """Pulsa el botón Validate de nbgrader y devuelve ``(clase del resultado, texto del resultado)``.

    La clase es ``validation-success``, ``validation-failed``, ``validation-changed``… (la que pone
    la extensión de nbgrader al mensaje ``#validation-message``). Con ``captura``, guarda ahí la
    imagen del diálogo tal como se abre y devuelve además el texto visible en esa primera pantalla.
    """
    boton = pagina.locator(".validate-button").first
    boton.wait_for()
    boton.locator("jp-button, button").first.click()
    mensaje = pagina.locator("#validation-message")
    mensaje.wait_for(timeout=ESPERA_MS)
    clases = [c for c in (mensaje.get_attribute("class") or "").split() if c.startswith("validation-")]
    texto = mensaje.inner_text()
    visible = None
    if captura is not None:
        time.sleep(0.5)  # que el diálogo termine de acomodarse
        pagina.locator(".jp-Dialog-content").first.screenshot(path=str(captura))
        visible = texto_visible(pagina, ".jp-Dialog-body")
    pagina.locator(".jp-Dialog .jp-mod-accept").first.click()
    clase = clases[0] if clases else ""
    return (clase, texto) if captura is None else (clase, texto, visible)


def texto_visible(pagina, selector: str) -> str:
    """Los renglones de texto de ``selector`` que se ven sin desplazar nada (dentro de su caja y de cada caja que lo recorta)."""
    return pagina.evaluate(
        """(selector) => {
            const raiz = document.querySelector(selector);
            const caja = raiz.getBoundingClientRect();
            const renglones = [];
            const recorrido = document.createTreeWalker(raiz, NodeFilter.SHOW_TEXT);
            while (recorrido.nextNode()) {
                const nodo = recorrido.currentNode;
                const rango = document.createRange();
                let inicio = 0;
                for (const linea of nodo.textContent.split('\\n')) {
                    rango.setStart(nodo, inicio);
                    rango.setEnd(nodo, inicio + linea.length);
                    inicio += linea.length + 1;
                    const r = rango.getBoundingClientRect();
                    if (!linea.trim() || r.height === 0) continue;
                    let dentro = r.top >= caja.top && r.bottom <= caja.bottom && r.bottom <= window.innerHeight;
                    // Las cajas con barra propia (el código recortado) también esconden lo que queda fuera.
                    for (let e = nodo.parentElement; dentro && e && e !== raiz; e = e.parentElement) {
                        const s = getComputedStyle(e);
                        if (s.overflowY !== 'visible') {
                            const c = e.getBoundingClientRect();
                            dentro = r.top >= c.top - 1 && r.bottom <= c.bottom + 1;
                        }
                    }
                    if (dentro) renglones.push(linea);
                }
            }
            return renglones.join('\\n');
        }""",
        selector,
    )


def celdas_sin_ejecutar(pagina) -> list[int]:
    """Índices de las celdas de código del cuaderno abierto que no tienen número de ejecución."""
    return pagina.evaluate(
        """() => {
            const cuaderno = window.jupyterapp.shell.currentWidget.content;
            const faltan = [];
            cuaderno.widgets.forEach((celda, i) => {
                if (celda.model.type === 'code' && !celda.model.executionCount) faltan.push(i);
            });
            return faltan;
        }"""
    )


def guardar(pagina) -> None:
    """Guarda el cuaderno abierto (como Ctrl+S) y espera a que termine."""
    pagina.evaluate("async () => { await window.jupyterapp.commands.execute('docmanager:save'); }")
    pagina.wait_for_function("() => !window.jupyterapp.shell.currentWidget.context.model.dirty")


def cerrar_sesiones(pagina) -> None:
    """Apaga los núcleos de la página antes de cerrarla (ahorra CPU entre pruebas); nada si ya está cerrada."""
    if pagina.is_closed():
        return
    try:
        pagina.evaluate("async () => { await window.jupyterapp.serviceManager.sessions.shutdownAll(); }")
    finally:
        pagina.close()
