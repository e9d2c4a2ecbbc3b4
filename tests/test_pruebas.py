"""Los mensajes de course.pruebas explican el error en español."""

from __future__ import annotations

import numpy as np
import pytest

from course.pruebas import comprobar_cercano, comprobar_escalar, comprobar_forma, con_referencia, sin_advertencias


def test_forma_muestra_ambas_formas():
    with pytest.raises(AssertionError, match=r"tiene forma \(3, 2\), pero se esperaba \(2, 3\).*transpuesto"):
        comprobar_forma(np.zeros((3, 2)), (2, 3), "h_t")


def test_none_sugiere_return():
    with pytest.raises(AssertionError, match="return"):
        comprobar_forma(None, (2,), "h_t")


def test_cercano_dice_donde_y_cuanto():
    esperado = np.zeros((2, 2))
    obtenido = esperado.copy()
    obtenido[1, 0] = 0.5
    with pytest.raises(AssertionError, match=r"1 de 4 entradas.*0\.5 en la posición \(1, 0\)"):
        comprobar_cercano(obtenido, esperado, "C_t")


def test_cercano_reconoce_error_comun():
    with pytest.raises(AssertionError, match=r"Pista: ¿concatenaste"):
        comprobar_cercano(np.ones(3), np.zeros(3), "h_t", errores_comunes={"¿concatenaste [h, x]?": np.ones(3)})


def test_cercano_acepta_lo_correcto():
    comprobar_cercano(np.array([1.0, 2.0]), [1.0, 2.0 + 1e-12], "x")


def test_nan_se_explica():
    with pytest.raises(AssertionError, match="NaN"):
        comprobar_cercano(np.array([np.nan]), [0.0], "x")


def test_escalar_exige_un_numero():
    with pytest.raises(AssertionError, match="un solo número"):
        comprobar_escalar(np.ones(3), 1.0, "la pérdida")


def test_sin_advertencias_detecta_desborde():
    with pytest.raises(AssertionError, match="advertencia"):
        with sin_advertencias("sigmoide"):
            np.exp(np.array([1000.0]))


def test_con_referencia_restaura():
    espacio = {"f": "estudiante"}
    with con_referencia(espacio, f="referencia", g="nueva"):
        assert espacio == {"f": "referencia", "g": "nueva"}
    assert espacio == {"f": "estudiante"}


def test_sin_advertencias_tolera_subdesborde():
    # e^-1000 se redondea a 0, que es el valor correcto: no es un error del estudiante.
    with sin_advertencias("sigmoide"):
        assert np.exp(np.array([-1000.0]))[0] == 0.0


def test_sin_cambios_nombra_la_entrada():
    from course.pruebas import comprobar_sin_cambios

    comprobar_sin_cambios([[1.0]], np.array([[1.0]]), "h0")
    with pytest.raises(AssertionError, match=r"modificaste h0 \(la entrada\); trabaja sobre una copia"):
        comprobar_sin_cambios([[1.0]], np.array([[2.0]]), "h0")


def test_llamar_explica_en_espanol_los_errores_de_formas():
    from course.pruebas import llamar

    def paso_rnn(a, b):
        return a @ b

    assert llamar(paso_rnn, np.ones((2, 3)), np.ones((3, 1))).shape == (2, 1)
    with pytest.raises(AssertionError, match=r"`paso_rnn` falló.*producto matricial") as info:
        llamar(paso_rnn, np.ones((2, 3)), np.ones((2, 1)))
    assert "numpy dijo: ValueError" in str(info.value)
    with pytest.raises(AssertionError, match="np.concatenate"):
        llamar(np.concatenate, [np.ones((2, 3)), np.ones((2, 2))], axis=0)
    with pytest.raises(NotImplementedError):
        llamar(lambda: (_ for _ in ()).throw(NotImplementedError("Todavía no resuelves `f`")))


def test_las_comprobaciones_ocultan_su_marco():
    import course.pruebas as pruebas

    for nombre in ("comprobar_arreglo", "comprobar_forma", "comprobar_cercano", "comprobar_escalar", "comprobar_sin_cambios", "llamar"):
        assert "__tracebackhide__" in getattr(pruebas, nombre).__code__.co_varnames, nombre


def test_en_jupyter_el_error_muestra_el_mensaje_sin_los_marcos_del_curso():
    import re

    import nbformat
    from nbclient import NotebookClient
    from traitlets.config import Config

    import corpus

    celdas = ["import numpy as np\nfrom course.pruebas import comprobar_cercano",
              "comprobar_cercano(np.ones(2), np.zeros(2), 'h_t', pista='revisa h.')"]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in celdas])
    with corpus.sockets_propios() as sockets:
        NotebookClient(nb, allow_errors=True, kernel_name="python3", config=Config(KernelManager=sockets)).execute()
    (error,) = [o for o in nb.cells[1].outputs if o.output_type == "error"]
    texto = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(error.traceback))
    assert error.ename == "AssertionError" and "pruebas.py" not in texto
    assert texto.strip().splitlines()[-1].startswith("AssertionError: `h_t` no coincide"), texto
