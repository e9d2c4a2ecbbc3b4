"""El bench del calificador no da el cociente de velocidad si los dos brazos no dieron las mismas notas."""

from __future__ import annotations

import pytest

from herramientas import bench_calificacion as bench

_A = "01_problema_memoria"
_CASOS = {_A: {"estudiante_00": "solucion_completa", "estudiante_01": "mutante_01"}}
_BUENAS = {(_A, "estudiante_00", "ej_prueba"): (2.0, 2.0), (_A, "estudiante_01", "ej_prueba"): (0.0, 2.0)}


def _medir_con(monkeypatch, plano: dict, nuestro: dict) -> tuple[dict, Exception | None]:
    """Corre ``medir`` con brazos falsos (sin núcleos ni nbgrader) que dejan ``plano`` y ``nuestro`` como notas."""
    import autograder.calificar
    import autograder.curso

    monkeypatch.setattr(autograder.curso, "asignaciones", lambda: [_A])
    monkeypatch.setattr(bench, "_nucleo_vacio", lambda: 0.5)
    monkeypatch.setattr(bench, "_nucleo_aislado", lambda: 0.6)
    monkeypatch.setattr(bench, "_curso", lambda destino, cuales: _CASOS)
    monkeypatch.setattr(bench, "_nbgrader_secuencial", lambda curso: (8.0, {_A: 8.0}))
    monkeypatch.setattr(autograder.calificar, "calificar", lambda raiz, asignacion: [])
    monkeypatch.setattr(bench, "_notas", lambda curso: plano if curso.name == "plano" else nuestro)
    cifras, error = {}, None
    try:
        for clave, valor in bench.medir():
            cifras.setdefault(clave, valor)
    except bench.CalificacionesDistintas as e:
        error = e
    return cifras, error


def test_notas_distintas_fallan_antes_del_cociente(monkeypatch):
    nuestro = {**_BUENAS, (_A, "estudiante_01", "ej_prueba"): (2.0, 2.0)}
    cifras, error = _medir_con(monkeypatch, _BUENAS, nuestro)
    assert error is not None and "no se reporta el cociente" in str(error)
    assert cifras["mismas_calificaciones"] == 0.0
    assert "estudiante_01 (mutante_01) ej_prueba: nbgrader (0.0, 2.0), calificar (2.0, 2.0)" in cifras["diferencia"]
    assert "calificacion_paralela_vs_nbgrader" not in cifras


def test_una_nota_que_falta_en_un_brazo_tambien_falla(monkeypatch):
    nuestro = {k: v for k, v in _BUENAS.items() if k[1] != "estudiante_01"}
    cifras, error = _medir_con(monkeypatch, _BUENAS, nuestro)
    assert error is not None and cifras["mismas_calificaciones"] == 0.0
    assert "calificacion_paralela_vs_nbgrader" not in cifras


def test_si_todos_fallan_igual_no_hay_cociente(monkeypatch):
    """Dos brazos que dan cero a todos coinciden, pero la solución sin puntos delata que algo se rompió."""
    ceros = {k: (0.0, m) for k, (_, m) in _BUENAS.items()}
    cifras, error = _medir_con(monkeypatch, ceros, ceros)
    assert error is not None and "la solución obtuvo 0.0 de 2.0" in cifras["nota_inesperada"]
    assert "calificacion_paralela_vs_nbgrader" not in cifras


def test_mismas_notas_dan_el_cociente_despues_de_comprobarlas(monkeypatch):
    cifras, error = _medir_con(monkeypatch, _BUENAS, dict(_BUENAS))
    assert error is None
    claves = list(cifras)
    assert cifras["mismas_calificaciones"] == 1.0
    assert claves.index("mismas_calificaciones") < claves.index("calificacion_paralela_vs_nbgrader")
    assert cifras["arranques_por_cuaderno_calificar_01"] == pytest.approx(cifras["segundos_por_cuaderno_calificar_01"] / 0.6)
