"""Recorte por norma, Adam y el ciclo de entrenamiento del curso."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from course import graficas
from autograder.modelos.adam import Adam, actualizar_adam
from autograder.modelos.entrenamiento import entrenar
from autograder.modelos.recorte import limitar_norma, norma_global
from autograder.modelos.red import Red


def test_limitar_norma_escala_todo_junto():
    grads = {"a": np.array([3.0, 0.0]), "b": np.array([[0.0], [4.0]])}
    recortados, norma = limitar_norma(grads, 1.0)
    assert norma == pytest.approx(5.0)
    np.testing.assert_allclose(recortados["a"], [0.6, 0.0])
    np.testing.assert_allclose(recortados["b"], [[0.0], [0.8]])
    assert norma_global(recortados) == pytest.approx(1.0)
    np.testing.assert_array_equal(grads["a"], [3.0, 0.0])  # sin modificar lo recibido


def test_limitar_norma_no_toca_gradientes_pequenos():
    grads = {"a": np.array([0.3, 0.4])}
    recortados, norma = limitar_norma(grads, 1.0)
    assert norma == pytest.approx(0.5)
    np.testing.assert_array_equal(recortados["a"], grads["a"])


def test_primer_paso_de_adam_mueve_tasa_en_contra_del_signo():
    theta = np.array([1.0, -2.0, 0.5])
    g = np.array([0.01, -100.0, 3.0])
    nuevo, m, v = actualizar_adam(theta, g, np.zeros(3), np.zeros(3), t=1, tasa=0.1)
    # Con corrección de sesgo, el primer paso es ≈ tasa·signo(g), sin importar la escala de g.
    np.testing.assert_allclose(nuevo, theta - 0.1 * np.sign(g), rtol=1e-6)
    np.testing.assert_allclose(m, 0.1 * g)
    np.testing.assert_allclose(v, 0.001 * g * g)


def test_adam_minimiza_una_cuadratica():
    params = {"w": np.array([5.0, -3.0])}
    opt = Adam(tasa=0.1)
    for _ in range(500):
        opt.paso(params, {"w": 2 * params["w"]})
    np.testing.assert_allclose(params["w"], 0.0, atol=1e-2)
    assert opt.t == 500


def test_entrenar_baja_la_perdida_y_muestra_avance(capsys):
    rng = np.random.default_rng(0)
    red = Red("lstm", 2, 8, 1, "cuadratica", semilla=0)

    def lotes(k):
        x = rng.standard_normal((2, 16, 5))
        return x, x[:1, :, 0:1].reshape(1, 16)  # recordar la primera entrada

    historial = entrenar(red, lotes, 200, tasa=2e-2, avisos=4)
    salida = capsys.readouterr().out
    assert "200/200" in salida and "pérdida" in salida
    assert historial["perdida"].shape == (200,) and historial["norma"].shape == (200,)
    assert historial["perdida"][-20:].mean() < 0.2 * historial["perdida"][:20].mean()
    fig, ax = plt.subplots()
    graficas.grafica_perdida(ax, historial)
    assert len(ax.lines) == 2


def test_entrenar_en_silencio(capsys):
    red = Red("gru", 1, 3, 2, "entropia", semilla=0)
    x, y = np.ones((1, 4, 3)), np.array([0, 1, 0, 1])
    entrenar(red, lambda k: (x, y), 3, mostrar=False)
    assert capsys.readouterr().out == ""


def test_parada_temprana_se_queda_con_el_mejor_de_validacion(capsys):
    """La validación se mide cada `cada` iteraciones; al parar, la red vuelve a la copia del menor error."""
    red = Red("lstm", 1, 3, 1, "cuadratica", semilla=0)
    x, y = np.ones((1, 4, 2)), np.zeros((1, 4))
    # Un error de validación inventado: mejora hasta la medición 3 (iteración 6) y después solo empeora.
    errores = iter([5.0, 4.0, 3.0, 3.5, 3.2, 4.0, 9.0, 9.0])
    guardados = {}

    def validar(r):
        guardados[len(guardados)] = {n: p.copy() for n, p in r.params.items()}
        return next(errores)

    historial = entrenar(red, lambda k: (x, y), 100, tasa=0.1, validar=validar, cada=2, paciencia=3, avisos=100)
    salida = capsys.readouterr().out
    # Paró tras 3 mediciones sin mejorar (iteraciones 8, 10 y 12), no en la 100.
    assert historial["perdida"].shape == (12,)
    np.testing.assert_array_equal(historial["validacion"]["iteracion"], [2, 4, 6, 8, 10, 12])
    np.testing.assert_array_equal(historial["validacion"]["error"], [5.0, 4.0, 3.0, 3.5, 3.2, 4.0])
    assert historial["mejor_iteracion"] == 6 and historial["mejor_error"] == 3.0
    for nombre, valor in red.params.items():
        np.testing.assert_array_equal(valor, guardados[2][nombre])  # los de la iteración 6, no los de la 12
    assert not np.allclose(guardados[2]["W"], guardados[5]["W"])
    assert "validación 4" in salida and "iteración 6" in salida


def test_sin_paciencia_agota_las_iteraciones_y_mide_al_final():
    red = Red("gru", 1, 3, 1, "cuadratica", semilla=0)
    x, y = np.ones((1, 4, 2)), np.zeros((1, 4))
    historial = entrenar(red, lambda k: (x, y), 7, tasa=0.1, mostrar=False, cada=3,
                         validar=lambda r: float(np.abs(r.salida(x) - y).mean()))
    np.testing.assert_array_equal(historial["validacion"]["iteracion"], [3, 6, 7])
    assert historial["perdida"].shape == (7,)
    assert historial["mejor_error"] == historial["validacion"]["error"].min()
    assert historial["mejor_error"] == float(np.abs(red.salida(x) - y).mean())


def test_panel_de_recorte_compara_norma_y_valor():
    from course.paneles.recorte import recortes

    def recortar(gradientes, umbral):
        return limitar_norma(gradientes, umbral)[0]

    v = recortes(6.0, 1.5, 2.0, recortar)
    np.testing.assert_allclose(np.linalg.norm(v["por norma"]), 2.0)
    np.testing.assert_allclose(v["por norma"] / np.linalg.norm(v["por norma"]), v["original"] / np.linalg.norm(v["original"]))
    np.testing.assert_allclose(v["por valor (np.clip)"], [2.0, 1.5])
    np.testing.assert_allclose(recortes(0.5, -0.5, 2.0, recortar)["por norma"], [0.5, -0.5])


def test_grafica_de_exactitud_y_de_pronostico():
    fig, ejes = plt.subplots(1, 2)
    graficas.grafica_exactitud(ejes[0], (5, 10), {"rnn": np.array([[1.0], [0.25]]), "lstm": np.array([[1.0], [1.0]])}, azar=0.25)
    assert [l.get_label() for l in ejes[0].lines] == ["RNN simple", "LSTM", "al azar"]
    np.testing.assert_allclose(ejes[0].lines[0].get_ydata(), [1.0, 0.25])
    graficas.grafica_pronostico(ejes[1], np.arange(10.0), {"LSTM": np.arange(10.0) + 1}, pasos=4)
    np.testing.assert_allclose(ejes[1].lines[1].get_ydata(), [1, 2, 3, 4])
