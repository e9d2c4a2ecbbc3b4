"""Las frases de los gatos: codificación, verbo correcto y revisión por comportamiento."""

from __future__ import annotations

import numpy as np
import pytest

from course.datos import gatos


def _pesos(b_f: float = 10.0, signo: float = 1.0) -> dict:
    return {
        "W_f": np.zeros((1, 4)), "b_f": np.array([[b_f]]),
        "W_i": np.array([[0.0, 10.0, 10.0, -10.0]]), "b_i": np.zeros((1, 1)),
        "W_C": signo * np.array([[0.0, -5.0, 5.0, 0.0]]), "b_C": np.zeros((1, 1)),
        "W_o": np.zeros((1, 4)), "b_o": np.array([[10.0]]),
    }


def test_clausulas_no_dan_pistas_de_numero():
    for clausula in gatos.CLAUSULAS:
        assert not {"gato", "gatos"} & set(clausula.split())


def test_codificar_un_rasgo_por_palabra():
    x = gatos.codificar("los gatos en la casa".split())
    assert x.shape == (3, 1, 5)
    np.testing.assert_array_equal(x.sum(axis=0), 1.0)
    assert x[1, 0, 1] == 1.0 and x[2, 0, 0] == 1.0


def test_frases_largas_y_ambos_numeros():
    frases = gatos.frases_gatos(40, n_clausulas=10, semilla=1)
    assert min(len(f) for f in frases) > 50
    assert {gatos.verbo_correcto(f) for f in frases} == {"estaba", "estaban"}


def test_pesos_de_la_solucion_aciertan_en_frases_largas():
    gatos.revisar_concordancia(_pesos(), gatos.frases_gatos(30, n_clausulas=15, semilla=3))


@pytest.mark.parametrize(
    "pesos, mensaje",
    [(_pesos(b_f=0.0), "no se decide"), (_pesos(signo=-1.0), "lo correcto es"), (_pesos(b_f=3.0), "no se decide")],
)
def test_revisar_explica_el_fallo(pesos, mensaje):
    with pytest.raises(AssertionError, match=mensaje):
        gatos.revisar_concordancia(pesos, gatos.frases_gatos(30, n_clausulas=12, semilla=4))


def test_pesos_en_cero_no_se_deciden():
    ceros = {f"{w}_{n}": np.zeros((1, 4) if w == "W" else (1, 1)) for n in "fiCo" for w in "Wb"}
    assert gatos.predecir_verbo(ceros, ["el", "gato"])[0] == "¿?"


def test_predecir_verbo_lee_como_la_lstm_de_referencia():
    from autograder.referencias import lstm

    rng = np.random.default_rng(7)
    p = {}
    for nombre in lstm.NOMBRES:
        p[f"W_{nombre}"] = rng.standard_normal((1, 4))
        p[f"b_{nombre}"] = rng.standard_normal((1, 1))
    for frase in gatos.frases_gatos(5, n_clausulas=2, semilla=1):
        H, _, _ = lstm.recorrido(gatos.codificar(frase), np.zeros((1, 1)), np.zeros((1, 1)), p)
        assert gatos.predecir_verbo(p, frase)[1] == pytest.approx(float(H[0, 0, -1]), rel=1e-12, abs=1e-12)
