"""El corpus de soluciones que delegan (tests/delegacion/*.toml): cubre cada ejercicio y cada entrada delega de verdad."""

from __future__ import annotations

import ast
import copy
import importlib
import tomllib
from pathlib import Path

import numpy as np
import pytest

from cuadernos import FUENTES, ejercicios, leer
from test_distribucion import Comprobador, _igual, _tabla

CARPETA = Path(__file__).resolve().parent / "delegacion"
ENTRADAS = [(archivo.stem, e) for archivo in sorted(CARPETA.glob("*.toml"))
            for e in tomllib.loads(archivo.read_text(encoding="utf-8"))["delegacion"]]


def test_cada_ejercicio_tiene_su_delegacion():
    for ruta in FUENTES:
        asignacion = ruta.parent.name
        cubiertos = {e["ejercicio"] for a, e in ENTRADAS if a == asignacion}
        assert set(ejercicios(leer(ruta))) <= cubiertos, f"{asignacion}: faltan {set(ejercicios(leer(ruta))) - cubiertos}"


@pytest.mark.parametrize("asignacion, entrada", ENTRADAS, ids=lambda v: v["ejercicio"] if isinstance(v, dict) else v)
def test_la_entrada_delega_y_responde(asignacion, entrada):
    arbol = ast.parse(entrada["codigo"])
    assert any(isinstance(n, ast.FunctionDef) and n.name == entrada["ejercicio"] for n in arbol.body)
    modulo, nombre = entrada["llamada"].rsplit(".", 1)
    assert callable(getattr(importlib.import_module(modulo), nombre)), entrada["llamada"]
    assert modulo.split(".")[-1] in entrada["codigo"] and nombre in entrada["codigo"]
    # Ejecutada fuera del calificador, la solución que delega da la respuesta correcta: solo la detección la frena.
    espacio = {"np": np}
    exec(compile(arbol, entrada["ejercicio"], "exec"), espacio)
    referencia, argumentos = _tabla()[entrada["ejercicio"]]
    resultado = espacio[entrada["ejercicio"]](*copy.deepcopy(argumentos))
    if isinstance(referencia, Comprobador):
        assert referencia.decide(resultado)
    else:
        assert _igual(resultado, referencia(*copy.deepcopy(argumentos)))
