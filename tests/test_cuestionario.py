"""Cuestionarios de conceptos: la revisión visible no revela la clave; la clave (solo al calificar) explica cada opción."""

from __future__ import annotations

import re

import pytest

from autograder.curso import meta_nbgrader as meta
from autograder.referencias import cuestionario as claves
from course.cuestionario import letra_elegida, revisar_respuesta
from cuadernos import ASIGNACIONES, RAIZ, leer

_REVISAR = re.compile(r'revisar_respuesta\((respuesta_(\d+)), (\d+), "([a-z]+)"\)')
_CALIFICAR = re.compile(r'calificar_respuesta\("([\w]+)", (\d+), (respuesta_\d+)\)')
_SOLUCION = re.compile(r'^(respuesta_(\d+)) = "([a-z])"$', re.M)


class _IgualATodo(str):
    def __eq__(self, otro):
        return True

    __hash__ = str.__hash__


@pytest.mark.parametrize("escrito, letra", [("b", "b"), ("B", "b"), (" (c) ", "c"), ("d.", "d"), ("«a»", "a"),
                                            ("", None), ("ab", None), (None, None), (2, None), ("1", None)])
def test_normalizar(escrito, letra):
    assert letra_elegida(escrito) == letra


def test_una_subclase_de_str_no_pasa_por_respuesta():
    assert letra_elegida(_IgualATodo("a")) is None


def test_revisar_respuesta_pide_una_opcion_sin_decir_cual():
    revisar_respuesta("B", 1, "abc")
    with pytest.raises(AssertionError, match=r'Pregunta 2: todavía no tiene una respuesta válida.*"a", "b" o "c"'):
        revisar_respuesta("", 2, "abc")
    with pytest.raises(AssertionError, match="Pregunta 3"):
        revisar_respuesta("d", 3, "abc")


@pytest.fixture
def clave_de_prueba(tmp_path, monkeypatch):
    (tmp_path / "00_prueba.toml").write_text('''
[[pregunta]]
opciones = "abc"
correcta = "b"
explicacion = "La compuerta de olvido multiplica al estado."
errores.a = "Confundiste la compuerta de olvido con la de entrada."
errores.c = "La salida no toca al estado de la celda."
''', encoding="utf-8")
    monkeypatch.setattr(claves, "CARPETA", tmp_path)
    claves.clave.cache_clear()
    yield "00_prueba"
    claves.clave.cache_clear()


def test_calificar_explica_el_acierto_y_nombra_la_idea_del_error(clave_de_prueba, capsys):
    claves.calificar_respuesta(clave_de_prueba, 1, " B ")
    assert "¡correcto! La compuerta de olvido" in capsys.readouterr().out
    with pytest.raises(AssertionError, match="«a» no es la correcta. Confundiste la compuerta de olvido"):
        claves.calificar_respuesta(clave_de_prueba, 1, "a")
    with pytest.raises(AssertionError, match="no es la correcta"):
        claves.calificar_respuesta(clave_de_prueba, 1, _IgualATodo("b"))


def test_una_clave_incompleta_no_se_acepta(tmp_path, monkeypatch):
    (tmp_path / "00_mala.toml").write_text('[[pregunta]]\nopciones = "abc"\ncorrecta = "b"\nexplicacion = "x"\n'
                                           'errores.a = "y"\n', encoding="utf-8")
    monkeypatch.setattr(claves, "CARPETA", tmp_path)
    claves.clave.cache_clear()
    with pytest.raises(ValueError, match="una explicación para cada opción equivocada"):
        claves.clave("00_mala")
    claves.clave.cache_clear()


@pytest.mark.parametrize("asignacion", ASIGNACIONES)
def test_cada_leccion_termina_con_su_cuestionario_y_la_clave_concuerda(asignacion):
    """Cada pregunta: una celda de solución con la letra correcta, una prueba visible que solo revisa la forma
    (con las opciones de la clave) y una oculta que califica con la clave de esa lección; todas al final."""
    nb = leer(RAIZ / "source" / asignacion / f"{asignacion}.ipynb")
    codigo = [c for c in nb.cells if c.cell_type == "code"]
    preguntas = claves.clave(asignacion)
    assert len(preguntas) >= 3, f"{asignacion}: el cuestionario tiene {len(preguntas)} preguntas"
    soluciones = {n: letra for c in codigo if meta(c).get("solution") for _, n, letra in _SOLUCION.findall(c.source)}
    pruebas = [c for c in codigo if meta(c).get("grade") and "calificar_respuesta(" in c.source]
    assert sorted(soluciones) == [str(n) for n in range(1, len(preguntas) + 1)], soluciones
    assert len(pruebas) == len(preguntas)
    for celda in pruebas:
        visible, _, oculta = celda.source.partition("### BEGIN HIDDEN TESTS")
        (variable, numero, numero_bis, opciones), = _REVISAR.findall(visible)
        (leccion, numero_oculto, variable_oculta), = _CALIFICAR.findall(oculta)
        p = preguntas[int(numero) - 1]
        assert numero == numero_bis == numero_oculto and variable == variable_oculta and leccion == asignacion
        assert opciones == p["opciones"] and soluciones[numero] == p["correcta"]
        assert meta(celda)["points"] >= 1 and "calificar_respuesta" not in visible
    # Después de la última pregunta ya no hay ejercicios: el cuestionario cierra la lección.
    ultima = max(nb.cells.index(c) for c in pruebas)
    assert not any(meta(c).get("grade") or meta(c).get("solution") for c in nb.cells[ultima + 1:])
