"""Los resultados precalculados de la lección 09: los mismos que da el generador, y los que cita el texto."""

from __future__ import annotations

import numpy as np
import pytest

from autograder.modelos import experimentos, precalcular, series
from course.datos import aplicaciones, energia
from cuadernos import RAIZ, leer


@pytest.fixture(scope="module")
def resultados():
    return aplicaciones.resultados()


@pytest.fixture(scope="module")
def texto():
    nb = leer(RAIZ / "source" / "09_aplicaciones" / "09_aplicaciones.ipynb")
    return {c.id: c.source for c in nb.cells if c.cell_type == "markdown"}


def test_forma_de_los_resultados(resultados):
    metro = resultados["metro"]
    assert metro["iteraciones"] == precalcular.ITERACIONES_METRO and tuple(metro["distancias"]) == precalcular.DISTANCIAS
    assert tuple(metro["semillas"]) == precalcular.SEMILLAS and len(precalcular.SEMILLAS) >= 3
    assert set(metro["barrido"]) == {"rnn", "lstm", "gru"}
    for tabla in metro["barrido"].values():
        assert tabla.shape == (len(precalcular.DISTANCIAS), len(precalcular.SEMILLAS)) and np.all((0 <= tabla) & (tabla <= 1))
    assert metro["curva"]["perdida"].shape == (precalcular.ITERACIONES_METRO,)
    r = resultados["energia"]
    assert (r["iteraciones"], r["cada"], r["paciencia"]) == (precalcular.ITERACIONES_ENERGIA, precalcular.CADA, precalcular.PACIENCIA)
    assert tuple(r["semillas"]) == precalcular.SEMILLAS == tuple(c["semilla"] for c in r["corridas"])
    assert r["real"].shape == (2 * energia.POR_SEMANA,)
    for periodo in ("validacion", "prueba"):
        assert set(r[periodo]) == {"lstm", *energia.RETRASOS_INGENUOS} and r[periodo]["lstm"].shape == (len(precalcular.SEMILLAS),)
    assert r["perdida"].shape == (r["corridas"][0]["validacion"]["iteracion"][-1],)
    for c in r["corridas"]:
        assert c["pronostico"].shape == r["real"].shape


def test_la_parada_temprana_eligio_el_mejor_de_validacion(resultados):
    """Cada semilla se queda con su menor MAE de validación y para por paciencia o al agotar el máximo."""
    r = resultados["energia"]
    for c, mae_validacion in zip(r["corridas"], r["validacion"]["lstm"]):
        iteracion, mae = c["validacion"]["iteracion"], c["validacion"]["mae"]
        np.testing.assert_array_equal(np.diff(iteracion), r["cada"])
        assert c["mejor_iteracion"] == iteracion[np.argmin(mae)] and mae_validacion == mae.min()
        despues = len(iteracion) - 1 - int(np.argmin(mae))
        assert iteracion[-1] == r["iteraciones"] or despues == r["paciencia"]
    # Con este presupuesto, la paciencia sí detiene a alguna semilla antes del máximo.
    assert any(c["validacion"]["iteracion"][-1] < r["iteraciones"] for c in r["corridas"])


def test_la_curva_del_metro_es_la_del_generador(resultados):
    """Caso barato: volver a entrenar la LSTM con L = 20 da la misma curva y la misma exactitud."""
    exactitud, historial = experimentos.exactitud_metro("lstm", L=20, iteraciones=precalcular.ITERACIONES_METRO, semilla=0)
    curva = resultados["metro"]["curva"]
    assert curva["exactitud"] == pytest.approx(exactitud)
    np.testing.assert_allclose(curva["perdida"], historial["perdida"], atol=1e-6)
    assert resultados["metro"]["barrido"]["lstm"][precalcular.DISTANCIAS.index(20), 0] == pytest.approx(exactitud)


def test_el_principio_de_la_energia_es_el_del_generador(resultados):
    """Caso barato: las primeras iteraciones de la semilla 0 dan la misma pérdida y las mismas mediciones de validación."""
    r = resultados["energia"]
    k = 2 * r["cada"]
    corto = experimentos.pronostico_energia(iteraciones=k, semilla=0, cada=r["cada"])
    np.testing.assert_allclose(r["perdida"][:k], corto["historial"]["perdida"], atol=1e-4)
    np.testing.assert_allclose(r["corridas"][0]["validacion"]["mae"][:2], corto["historial"]["validacion"]["error"], atol=1e-2)


def test_ingenuos_y_periodo_de_prueba(resultados):
    serie = energia.demanda()
    entrenamiento, validacion, prueba = series.partir(serie, 2 * energia.POR_SEMANA, 2 * energia.POR_SEMANA)
    r = resultados["energia"]
    np.testing.assert_allclose(r["real"], prueba, atol=1e-3)
    for periodo, valores, inicio in (("validacion", validacion, len(entrenamiento)), ("prueba", prueba, len(serie) - len(prueba))):
        for nombre, retraso in energia.RETRASOS_INGENUOS.items():
            esperado = series.mae(valores, serie[inicio - retraso:inicio - retraso + len(valores)])
            assert r[periodo][nombre] == pytest.approx(esperado, abs=1e-3)
    for c, mae in zip(r["corridas"], r["prueba"]["lstm"]):
        assert mae == pytest.approx(series.mae(r["real"], c["pronostico"]), abs=1e-2)


def _por_dia(real, pronostico):
    return np.abs(real - pronostico).reshape(-1, energia.POR_DIA).mean(axis=1)


def test_el_texto_cita_las_cifras_de_la_energia(resultados, texto):
    """La conclusión y las respuestas citan los MAE, la reducción relativa y la dispersión del archivo."""
    r = resultados["energia"]
    prueba, validacion = r["prueba"], r["validacion"]
    lstm = prueba["lstm"]
    semana = prueba["semana_anterior"]
    conclusion = texto["energia_conclusion"]
    serie = energia.demanda()  # el ingenuo de la semana anterior en el periodo de prueba:
    ingenuo = serie[len(serie) - len(r["real"]) - energia.POR_SEMANA:len(serie) - energia.POR_SEMANA]
    ganados = sorted({int(np.sum(_por_dia(r["real"], c["pronostico"]) < _por_dia(r["real"], ingenuo))) for c in r["corridas"]})
    citas = [
        f"**{lstm.mean():.0f} MW** (de {lstm.min():.0f} a {lstm.max():.0f} MW",
        f"**{semana:.0f} MW**", f"{prueba['ultimo_valor']:.0f} MW del último valor", f"{prueba['dia_anterior']:.0f} MW del día anterior",
        f"$1 - {lstm.mean():.1f}/{semana:.1f} \\approx {1 - lstm.mean() / semana:.2f}$",
        f"el {100 * (1 - lstm.mean() / semana):.0f} % del error",
        f"entre {100 * (1 - lstm.max() / semana):.0f} % y {100 * (1 - lstm.min() / semana):.0f} %",
        f"del {100 * (1 - lstm.mean() / prueba['dia_anterior']):.0f} %",
        f"unos {semana - lstm.mean():.0f} MW", f"({lstm.std(ddof=1):.0f} MW)", f"es de {lstm.std(ddof=1):.0f} MW, el doble",
        f"en {' o '.join(map(str, ganados))} de los 14 días",
        f"({validacion['lstm'].mean():.0f} MW en promedio)", f"de {validacion['semana_anterior']:.0f} MW en la validación",
    ]
    for cita in citas:
        assert cita in conclusion, cita
    assert (semana - lstm.mean()) / lstm.std(ddof=1) > 5 and np.all(lstm < semana)  # lo que el texto afirma
    lstm_md = texto["energia_lstm_md"]
    for cita in (f"Cada {r['cada']} iteraciones", f"{r['paciencia']} mediciones seguidas", f"de {r['iteraciones']} iteraciones"):
        assert cita in lstm_md, cita
    respuestas = texto["energia_validacion_preguntas"]
    for c in r["corridas"]:
        mae = c["validacion"]["mae"]
        assert f"{mae[-1]:.1f}" in respuestas and f"{mae.min():.1f}" in respuestas and str(c["mejor_iteracion"]) in respuestas
        if c["validacion"]["iteracion"][-1] < r["iteraciones"]:
            assert f"semilla {c['semilla']} a las {c['validacion']['iteracion'][-1]}" in respuestas.replace("paró a las", "a las")


def test_el_texto_cita_las_cifras_del_metro(resultados, texto):
    barrido = resultados["metro"]["barrido"]
    conclusion = texto["metro_conclusion"]
    rnn = barrido["rnn"].mean(axis=1)
    assert all(barrido[celda][0].min() == 1.0 for celda in barrido)  # con L = 5 todas aciertan todo
    assert f"promedia {100 * rnn[1]:.0f} % con $L = 10$, {100 * rnn[2]:.0f} % con $L = 20$ y {100 * rnn[3]:.0f} % con $L = 40$" in conclusion
    assert f"al menos el {100 * barrido['lstm'].min():.1f} %" in conclusion
    assert f"promedia {100 * barrido['gru'][-1].mean():.0f} %" in conclusion
    gru_malas = sorted(v for v in barrido["gru"][-1] if v < 1)
    assert " y ".join(f"{100 * v:.0f} %" for v in gru_malas) in conclusion
    # La semilla 0 de la RNN aprendió L = 20 y las demás se quedaron en el azar: lo que cuenta la respuesta.
    assert barrido["rnn"][2, 0] == 1.0 and barrido["rnn"][2, 1:].max() < 0.3
    assert f"entre {100 * barrido['rnn'][2, 1:].min():.0f} % y {100 * barrido['rnn'][2, 1:].max():.0f} %" in conclusion


def test_precalcular_corre_con_un_solo_hilo_de_blas(monkeypatch):
    """Sin las variables de un hilo, main() vuelve a empezar en otro proceso con ellas (y con los mismos argumentos)."""
    llamadas = []
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "2")
    monkeypatch.setattr(precalcular.subprocess, "call", lambda args, env: llamadas.append((args, env)) or 0)
    monkeypatch.setattr(precalcular, "generar", lambda: pytest.fail("no debe entrenar en este proceso"))
    with pytest.raises(SystemExit) as salida:
        precalcular.main(["--destino", "x.json"])
    assert salida.value.code == 0
    (args, env), = llamadas
    assert args[1:] == ["-m", "autograder.modelos.precalcular", "--destino", "x.json"]
    assert all(env[v] == "1" for v in precalcular.UN_HILO)
