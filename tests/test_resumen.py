"""La hoja de resumen (course/resumen.md): sus conteos de parámetros son los de las referencias, llega al estudiante
(paquete, copia de trabajo, distribución y README) y las fórmulas hacia atrás van plegadas."""

from __future__ import annotations

import re
import tomllib
import zipfile
from fnmatch import fnmatch

import numpy as np
import pytest

from autograder.referencias import gru, lstm, variantes
from cuadernos import RAIZ
from herramientas import referencias_torch as rt
from herramientas.copia_trabajo import RESUMEN, copiar_resumen

TEXTO = RESUMEN.read_text(encoding="utf-8")
PLEGADO = "<summary>Fórmulas hacia atrás (ábrelo después de la lección 06)</summary>"
#: Celda de la tabla de parámetros → tipo de ``variantes.numero_parametros`` (la que usan las lecciones 07 y 08).
TIPOS = {"RNN simple": "rnn", "LSTM": "lstm", "LSTM con mirillas": "mirilla", "LSTM acoplada": "acoplada", "GRU": "gru"}
TAMANOS = [(1, 1), (3, 2), (10, 512), (7, 33), (250, 4)]


def _a_python(formula: str) -> str:
    """Una fórmula de la hoja en LaTeX (``4\\,(n_h(n_h + n_x) + n_h) + 3n_h^2``) como expresión de Python."""
    expresion = formula.replace("\\,", "").replace("^2", "**2")
    # Multiplicación implícita: «3n_h», «4(», «n_h(», «)(».
    return re.sub(r"(\d|n_h|n_x|\))\s*(?=n_h|n_x|\()", r"\1*", expresion)


def _tabla_de_parametros() -> dict[str, tuple[str, str]]:
    """{celda: (fórmula, valor con n_x = 10 y n_h = 512)} de la tabla de la sección «Parámetros»."""
    seccion = TEXTO.split("## 3. Parámetros", 1)[1].split("\n## ", 1)[0]
    filas = {}
    for renglon in seccion.splitlines():
        celdas = [c.strip() for c in renglon.strip().strip("|").split("|")]
        if len(celdas) == 4 and celdas[2].startswith("$"):
            filas[celdas[0]] = (celdas[2].strip("$"), celdas[3])
    return filas


def _evaluar(formula: str, n_x: int, n_h: int) -> int:
    return eval(_a_python(formula), {"__builtins__": {}}, {"n_x": n_x, "n_h": n_h})


def _contar(p: dict) -> int:
    return sum(int(np.asarray(v).size) for v in p.values())


def test_la_traduccion_de_formulas_es_la_esperada():
    assert _a_python("4\\,(n_h(n_h + n_x) + n_h) + 3n_h^2") == "4*(n_h*(n_h + n_x) + n_h) + 3*n_h**2"
    assert _evaluar("3\\,(n_h(n_h + n_x) + 2n_h)", 2, 3) == 3 * (3 * 5 + 6)


def test_la_tabla_de_parametros_coincide_con_las_referencias():
    filas = _tabla_de_parametros()
    assert set(TIPOS) | {"LSTM con mirillas diagonales"} == set(filas), sorted(filas)
    rng = np.random.default_rng(0)
    for celda, (formula, valor) in filas.items():
        for n_x, n_h in TAMANOS:
            if celda in TIPOS:
                esperado = variantes.numero_parametros(TIPOS[celda], n_x, n_h)
            else:
                # Mirillas diagonales (Gers y Schmidhuber): la LSTM más la diagonal de cada bloque de C en f, i y o.
                p = variantes.parametros_mirilla(n_x, n_h, rng)
                esperado = _contar(p) - sum(p[f"W_{g}"][:, :n_h].size - np.diag(p[f"W_{g}"][:, :n_h]).size for g in "fio")
            assert _evaluar(formula, n_x, n_h) == esperado, f"{celda} con n_x={n_x}, n_h={n_h}: {formula}"
        assert int(valor.replace(",", "")) == _evaluar(formula, 10, 512), f"{celda}: el ejemplo con n_x = 10, n_h = 512"


def test_los_conteos_son_los_tamanos_de_los_parametros_de_referencia():
    rng = np.random.default_rng(1)
    for n_x, n_h in TAMANOS[:4]:
        assert _contar(lstm.parametros_aleatorios(n_x, n_h, rng)) == variantes.numero_parametros("lstm", n_x, n_h)
        assert _contar(variantes.parametros_mirilla(n_x, n_h, rng)) == variantes.numero_parametros("mirilla", n_x, n_h)
        assert _contar(variantes.parametros_acoplada(n_x, n_h, rng)) == variantes.numero_parametros("acoplada", n_x, n_h)
        assert _contar(gru.parametros_aleatorios(n_x, n_h, rng)) == variantes.numero_parametros("gru", n_x, n_h)


@pytest.mark.parametrize("marco, celda", [("`nn.LSTM` de PyTorch tiene", "lstm"), ("`nn.GRU`", "gru")])
def test_los_conteos_de_pytorch_son_los_de_sus_pesos(marco, celda):
    """PyTorch guarda dos sesgos por red interna: la fórmula de la hoja es el tamaño de sus cuatro arreglos."""
    (formula,) = re.findall(re.escape(marco) + r" \$([^$]+)\$", TEXTO)
    rng = np.random.default_rng(2)
    for n_x, n_h in TAMANOS[:4]:
        if celda == "lstm":
            pesos = rt.lstm_a_torch(lstm.parametros_aleatorios(n_x, n_h, rng))
        else:
            pesos = gru.a_torch(gru.parametros_aleatorios(n_x, n_h, rng), rng.standard_normal((n_h, 1)))
        assert _evaluar(formula, n_x, n_h) == _contar(pesos), f"{marco}: {formula} con n_x={n_x}, n_h={n_h}"
    # Y con las salidas guardadas de PyTorch de verdad (tests/datos_torch/lstm.npz).
    if celda == "lstm":
        with np.load(rt.CARPETA / "lstm.npz") as datos:
            n_x, n_h = datos["x"].shape[0], datos["h0"].shape[0]
            guardados = sum(datos[f"torch_{k}"].size for k in ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"))
        assert _evaluar(formula, n_x, n_h) == guardados


def test_el_orden_de_las_compuertas_de_pytorch_es_el_de_las_referencias():
    assert rt.ORDEN_LSTM == ("i", "f", "C", "o") and "`nn.LSTM`: orden $(i, f, g, o)$" in TEXTO
    n_h = 2
    p = gru.parametros_aleatorios(3, n_h, np.random.default_rng(3))
    pesos = gru.a_torch(p)
    # Orden (r, z, n) y la z con el signo contrario, como dice la hoja.
    np.testing.assert_allclose(pesos["weight_hh_l0"][:n_h], p["W_r"][:, :n_h])
    np.testing.assert_allclose(pesos["weight_hh_l0"][n_h:2 * n_h], -p["W_z"][:, :n_h])
    assert "`nn.GRU`: orden $(r, z, n)$" in TEXTO and "$W_r$, $-W_z$, $W_{\\tilde{h}}$" in TEXTO


def test_las_formulas_hacia_atras_van_plegadas():
    antes, plegado, despues = TEXTO.partition(PLEGADO)
    assert plegado, f"falta el bloque plegable {PLEGADO}"
    assert antes.rstrip().endswith("<details>") and "</details>" in despues
    adentro = despues.split("</details>", 1)[0]
    for formula in ("dC_{t-1} &= dC \\odot f_t", "da_f", "dh_{t-1} = W_h^{\\mathsf T}\\, da", "(\\hat{y}_t - y_t)/m"):
        assert formula in adentro, f"falta {formula!r} dentro del bloque plegado"
    for rastro in ("da_", "dC_{t-1}", "dW"):
        assert rastro not in antes, f"«{rastro}» aparece antes del bloque plegado: las fórmulas hacia atrás van adentro"


def test_llega_al_paquete_del_estudiante():
    proyecto = tomllib.loads((RAIZ / "pyproject.toml").read_text(encoding="utf-8"))
    patrones = proyecto["tool"]["setuptools"]["package-data"]["course"]
    assert RESUMEN.parent == RAIZ / "course" and any(fnmatch(RESUMEN.name, patron) for patron in patrones)


def test_se_copia_a_la_copia_de_trabajo_sin_sobrescribir(tmp_path):
    trabajo = tmp_path / "trabajo"
    assert copiar_resumen(trabajo) == trabajo / "resumen.md"
    assert (trabajo / "resumen.md").read_text(encoding="utf-8") == TEXTO
    (trabajo / "resumen.md").write_text("mis notas", encoding="utf-8")
    assert copiar_resumen(trabajo) is None
    assert (trabajo / "resumen.md").read_text(encoding="utf-8") == "mis notas"


def test_el_readme_la_enlaza():
    assert "(course/resumen.md)" in (RAIZ / "README.md").read_text(encoding="utf-8")


def test_va_en_la_distribucion(tmp_path):
    from autograder.distribuir import NOMBRE_PAQUETE, distribuir

    with zipfile.ZipFile(distribuir(tmp_path)) as z:
        assert z.read("resumen.md").decode("utf-8") == TEXTO
        assert "resumen.md" in z.read("LEEME.md").decode("utf-8")
        (rueda,) = [n for n in z.namelist() if n.startswith(NOMBRE_PAQUETE.replace("-", "_")) and n.endswith(".whl")]
        z.extract(rueda, tmp_path)
    with zipfile.ZipFile(tmp_path / rueda) as w:
        assert w.read("course/resumen.md").decode("utf-8") == TEXTO
