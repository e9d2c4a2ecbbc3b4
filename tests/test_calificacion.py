"""Ida y vuelta por el calificador paralelo: solución con todo, cuaderno en blanco con cero, cada
mutante pierde solo su ejercicio con su mensaje, cada equivalente obtiene todo (en una entrega con
a lo más un equivalente por ejercicio) y cada delegación pierde su ejercicio con una observación que
nombra la llamada."""

from __future__ import annotations

import pytest

import corpus
from cuadernos import ASIGNACIONES, RAIZ, celdas_calificadas, ejercicios, leer, meta

MUTANTES = corpus.cargar("mutante")
EQUIVALENTES = corpus.cargar("equivalente")
DELEGACIONES = corpus.cargar("delegacion")


def _puntos_posibles(asignacion):
    return celdas_calificadas(leer(RAIZ / "source" / asignacion / f"{asignacion}.ipynb"))


def _perdidos(resultado: dict) -> list[str]:
    return sorted(g for g, (obtenido, posible) in resultado["puntajes"].items() if obtenido < posible)


def _resumen(asignacion: str, resultados: dict[str, dict]) -> dict:
    """Lo que el resumen de la sesión necesita de una lección ya calificada."""
    def caso(c):
        r = resultados[c.estudiante]
        mensaje = r["mensajes"].get(c.prueba, "")
        return {"ejercicio": c.prueba, "perdidos": _perdidos(r), "estado": r["estado"], "entrega": r["estudiante"],
                "nombra": bool(c.mensaje) and c.mensaje in mensaje and corpus.GENERICO not in c.mensaje}
    return {
        "solucion": _perdidos(resultados["solucion"]),
        "mutantes": {str(c): caso(c) for c in MUTANTES if c.asignacion == asignacion},
        "equivalentes": {str(c): caso(c) for c in EQUIVALENTES if c.asignacion == asignacion},
        "delegaciones": {str(c): caso(c) for c in DELEGACIONES if c.asignacion == asignacion},
    }


@pytest.fixture(scope="session")
def calificadas(tmp_path_factory):
    """``calificadas(asignacion)``: resultados de la lección, calificada una sola vez por proceso."""
    cache: dict[str, dict] = {}

    def obtener(asignacion: str) -> dict[str, dict]:
        if asignacion not in cache:
            casos = [c for c in MUTANTES + EQUIVALENTES + DELEGACIONES if c.asignacion == asignacion]
            cache[asignacion] = corpus.calificar_leccion(asignacion, casos, tmp_path_factory.mktemp(f"curso{asignacion[:2]}"))
            corpus.guardar(f"{asignacion}.calificacion", _resumen(asignacion, cache[asignacion]))
        return cache[asignacion]

    return obtener


def _por_leccion(casos, ids=str):
    """Parámetros agrupados por lección (con ``--dist loadgroup`` de xdist, una lección va a un solo proceso)."""
    return [pytest.param(c, id=ids(c), marks=pytest.mark.xdist_group(c.asignacion)) for c in casos]


LECCIONES = [pytest.param(a, id=a, marks=pytest.mark.xdist_group(a)) for a in ASIGNACIONES]


# --- rápidas: el corpus está completo y bien formado -----------------------------------------
def test_cada_ejercicio_tiene_mutante_y_tres_equivalentes():
    for asignacion in ASIGNACIONES:
        for ejercicio in ejercicios(leer(RAIZ / "source" / asignacion / f"{asignacion}.ipynb")):
            if f"{ejercicio}_prueba" not in _puntos_posibles(asignacion):
                continue
            assert any(m.asignacion == asignacion and m.ejercicio == ejercicio for m in MUTANTES), f"{asignacion}: {ejercicio} no tiene mutante"
            equivalentes = [e for e in EQUIVALENTES if e.asignacion == asignacion and e.ejercicio == ejercicio]
            assert len(equivalentes) >= 3, f"{asignacion}: {ejercicio} tiene {len(equivalentes)} equivalentes (mínimo 3)"
    assert len(EQUIVALENTES) >= 120


def test_cada_equivalente_va_en_un_grupo_con_a_lo_mas_uno_por_ejercicio():
    for asignacion in ASIGNACIONES:
        casos = [e for e in EQUIVALENTES if e.asignacion == asignacion]
        grupos = corpus.agrupar_equivalentes(casos)
        assert sorted(c.estudiante for g in grupos for c in g) == sorted(c.estudiante for c in casos)
        assert all(len({c.ejercicio for c in g}) == len(g) for g in grupos), grupos
        assert len(grupos) == max((sum(e.ejercicio == c.ejercicio for e in casos) for c in casos), default=0)


@pytest.mark.parametrize("caso", MUTANTES + EQUIVALENTES + DELEGACIONES, ids=lambda c: f"{c.tipo}:{c}")
def test_caso_se_aplica_a_una_celda_de_solucion(caso):
    nb = corpus.cuaderno_de(caso, caso.asignacion)
    assert caso.prueba in _puntos_posibles(caso.asignacion), f"{caso}: {caso.ejercicio} no es un ejercicio calificado"
    fuente = next(c.source for c in nb.cells if meta(c).get("grade_id") == caso.ejercicio)
    assert fuente.strip() and "BEGIN SOLUTION" not in fuente


def test_mensaje_es_obligatorio_en_los_mutantes(tmp_path, monkeypatch):
    (tmp_path / "01_x.toml").write_text('[[mutante]]\nejercicio = "a"\ndescripcion = "b"\nbuscar = "c"\nreemplazar = "d"\n')
    monkeypatch.setitem(corpus.TIPOS, "mutante", tmp_path)
    with pytest.raises(ValueError, match="mensaje"):
        corpus.cargar("mutante")


# --- lentas: cada lección pasa por el calificador paralelo ------------------------------------
@pytest.mark.lento
@pytest.mark.parametrize("asignacion", LECCIONES)
def test_solucion_obtiene_todo(calificadas, asignacion):
    r = calificadas(asignacion)["solucion"]
    assert r["estado"] == "calificada", r["observaciones"]
    assert {g: tuple(p) for g, p in r["puntajes"].items()} == {g: (p, p) for g, p in _puntos_posibles(asignacion).items()}, r["mensajes"]


@pytest.mark.lento
@pytest.mark.parametrize("asignacion", LECCIONES)
def test_en_blanco_obtiene_cero(calificadas, asignacion):
    r = calificadas(asignacion)["en_blanco"]
    assert {g: tuple(p) for g, p in r["puntajes"].items()} == {g: (0.0, p) for g, p in _puntos_posibles(asignacion).items()}


@pytest.mark.lento
@pytest.mark.parametrize("mutante", _por_leccion(MUTANTES))
def test_mutante_pierde_solo_su_ejercicio(calificadas, mutante):
    r = calificadas(mutante.asignacion)[mutante.estudiante]
    perdidos = _perdidos(r)
    assert mutante.prueba in perdidos, f"el error «{mutante.descripcion}» no se detectó"
    assert perdidos == [mutante.prueba], f"el error costó también: {perdidos}"
    mensaje = r["mensajes"].get(mutante.prueba, "")
    assert mutante.mensaje in mensaje, f"el mensaje no señala el error:\n{mensaje}"


@pytest.mark.lento
@pytest.mark.parametrize("equivalente", _por_leccion(EQUIVALENTES))
def test_equivalente_obtiene_todo(calificadas, equivalente):
    r = calificadas(equivalente.asignacion)[equivalente.estudiante]
    assert r["estado"] == "calificada", r["observaciones"]
    assert _perdidos(r) == [], f"una solución correcta perdió puntos (calificada junto con {r['grupo']}): {r['mensajes']}"


@pytest.mark.lento
@pytest.mark.parametrize("delegacion", _por_leccion(DELEGACIONES))
def test_delegacion_pierde_solo_su_ejercicio_y_se_nombra(calificadas, delegacion):
    r = calificadas(delegacion.asignacion)[delegacion.estudiante]
    assert _perdidos(r) == [delegacion.prueba], f"perdió {_perdidos(r)}"
    assert any(delegacion.llamada in o for o in r["observaciones"]), r["observaciones"]
