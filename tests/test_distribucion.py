"""La distribución del estudiante (``python -m autograder distribuir``) no trae ninguna clave de respuestas."""

from __future__ import annotations

import ast
import importlib
import inspect
import json
import pkgutil
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest

from cuadernos import PUBLICADOS

PROHIBIDOS = ("autograder", "referencia", "referencias", "modelos")


# --------------------------------------------------------------------------- oráculo
def _p(rng, nombres, n_x, n_h, columnas=None):
    p = {}
    for k in nombres:
        p[f"W_{k}"] = rng.standard_normal((n_h, (columnas or {}).get(k, n_h + n_x)))
        p[f"b_{k}"] = rng.standard_normal((n_h, 1))
    return p


class Comprobador:
    """En la tabla, en lugar de una referencia: decide si un resultado es una respuesta correcta (hay varias)."""

    def __init__(self, decide):
        self.decide = decide


def _tabla():
    """{ejercicio: (referencia, entradas)}: los 45 ejercicios con una entrada de muestra cada uno."""
    from autograder.modelos import series
    from autograder.modelos.adam import actualizar_adam
    from autograder.modelos.recorte import limitar_norma
    from autograder.referencias import gru, lstm, proyecto, retro, rnn, variantes

    rng = np.random.default_rng(2026)
    n_x, n_h, m, T = 3, 2, 4, 5
    N = rng.standard_normal
    W, b = N((n_h, n_h + n_x)), N((n_h, 1))
    x_t, h, C = N((n_x, m)), np.tanh(N((n_h, m))), N((n_h, m))
    x = N((n_x, m, T))
    p = _p(rng, "fiCo", n_x, n_h)
    pm = _p(rng, "fiCo", n_x, n_h, {"f": 2 * n_h + n_x, "i": 2 * n_h + n_x, "o": 2 * n_h + n_x})
    pa = _p(rng, "fCo", n_x, n_h)
    pg = _p(rng, ("z", "r", "htilde"), n_x, n_h)
    F, I, Ct = rng.uniform(0.1, 0.9, (n_h, m, T)), rng.uniform(0.1, 0.9, (n_h, m, T)), np.tanh(N((n_h, m, T)))
    H = rnn.recorrido(N((n_x, 1, T)), np.zeros((n_h, 1)), W, np.zeros((n_h, 1)))
    y_hat, y = rng.uniform(0.05, 0.95, (1, m, T)), (rng.random((1, m, T)) < 0.5).astype(float)
    _, _, cache = lstm.celda(x_t, h, C, p)
    _, _, caches = lstm.recorrido(x, h, C, p)

    def celda_mirilla(x_t, h, C, p):
        return variantes.celda_mirilla(x_t, h, C, p)

    def guion(resultado):
        try:
            F_, I_, C_ = (np.asarray(a, dtype=float).reshape(1, 1, 8) for a in resultado)
            estados = lstm.recorrido_estado(F_, I_, C_, np.zeros((1, 1)))[0, 0]
        except Exception:
            return False
        return bool(np.allclose(estados, [0, 0, 0.7, 0.7, 0.7, 0.7, 0, 0]))

    serie = 1000 + 50 * N(40)
    gradientes = {"W": 10 * N((2, 3)), "b": 10 * N((2, 1))}

    def concordancia(resultado):
        from course.datos.gatos import frases_gatos, verbo_correcto

        if not isinstance(resultado, dict):
            return False
        try:
            for frase in frases_gatos(20, n_clausulas=3, semilla=9):
                from course.datos.gatos import codificar

                H_, _, _ = lstm.recorrido(codificar(frase), np.zeros((1, 1)), np.zeros((1, 1)), resultado)
                h_T = float(H_[0, 0, -1])
                if abs(h_T) <= 0.1 or ("estaban" if h_T > 0 else "estaba") != verbo_correcto(frase):
                    return False
        except Exception:
            return False
        return True

    return {
        "dividir_pesos": (rnn.separar_pesos, (W, n_h)),
        "paso_rnn": (rnn.celda, (x_t, h, W, b)),
        "rnn_adelante": (rnn.recorrido, (x, h, W, b)),
        "perdida_secuencia": (rnn.entropia_cruzada, (y_hat, y)),
        "normas_gradiente": (rnn.normas_jacobiano, (H, W)),
        "sigmoide_estable": (lstm.sigmoide, (N((n_h, m)) * 30,)),
        "compuerta_olvido": (lstm.olvido, (x_t, h, W, b)),
        "memoria_tras_k_pasos": (lstm.remanente, (C, 0.83, 7)),
        "vida_media": (lstm.vida_media_olvido, (rng.uniform(0.5, 0.99, (n_h, m)),)),
        "compuerta_entrada": (lstm.entrada, (x_t, h, W, b)),
        "valor_candidato": (lstm.candidato, (x_t, h, W, b)),
        "lo_que_se_escribe": (lstm.escrito, (F[:, :, 0], Ct[:, :, 0])),
        "escribir_en_cinta": (lstm.escritura, (x_t, h, p)),
        "actualizar_celda": (lstm.nuevo_estado, (F[:, :, 0], C, I[:, :, 0], Ct[:, :, 0])),
        "recorrer_celda": (lstm.recorrido_estado, (F, I, Ct, C)),
        "compuertas_escenario": (Comprobador(guion), (8, 2, 6, 0.7)),
        "gradiente_cinta": (lstm.producto_olvidos, (F,)),
        "compuerta_salida": (lstm.salida, (x_t, h, W, b)),
        "estado_oculto": (lstm.oculto, (F[:, :, 1], C)),
        "paso_lstm": (lstm.celda, (x_t, h, C, p)),
        "lstm_adelante": (lstm.recorrido, (x, h, C, p)),
        "pesos_gatos": (Comprobador(concordancia), ()),
        "error_carrusel": (retro.carrusel, (N((n_h, m)), F)),
        "gradiente_numerico": (retro.diferencias_centradas, (lambda v: float(np.sum(np.sin(v))), N((2, 3)))),
        "paso_atras_rnn": (rnn.paso_atras, (N((n_h, m)), {"x_t": x_t, "h_prev": h, "h_t": rnn.celda(x_t, h, W, b)}, W)),
        "paso_atras_lstm": (retro.paso_atras, (N((n_h, m)), N((n_h, m)), cache, p)),
        "lstm_atras": (retro.recorrido_atras, (N((n_h, m, T)), caches, p)),
        "gradiente_salida": (rnn.gradiente_bce, (np.tanh(N((n_h, m, T))), N((1, n_h)), N((1, 1)), y)),
        "paso_mirilla": (variantes.celda_mirilla, (x_t, h, C, pm)),
        "paso_acoplada": (variantes.celda_acoplada, (x_t, h, C, pa)),
        "contar_parametros": (variantes.numero_parametros, ("mirilla", 7, 5)),
        "recorrer_variante": (variantes.recorrido_variante, (celda_mirilla, x, h, C, pm)),
        "paso_gru": (gru.celda, (x_t, h, pg)),
        "gru_adelante": (gru.recorrido, (x, h, pg)),
        "parametros_gru": (lambda n_x, n_h: variantes.numero_parametros("gru", n_x, n_h), (7, 5)),
        "pesos_a_pytorch": (gru.a_torch, (pg,)),
        "recortar_gradiente": (lambda g, u: limitar_norma(g, u)[0], (gradientes, 1.5)),
        "paso_adam": (actualizar_adam, (N((2, 3)), N((2, 3)), 0.1 * N((2, 3)), rng.uniform(0, 0.1, (2, 3)), 4, 0.01, 0.8, 0.99, 1e-8)),
        "particion_fija": (series.partir, (serie, 7, 9)),
        "ventanas": (series.cortar_ventanas, (serie, 6)),
        "normalizar": (series.estandarizar, (serie[:20], serie[20:30], serie[30:])),
        "error_absoluto_medio": (series.mae, (serie, serie + N(40))),
        "perdida_y_gradiente": (proyecto.perdida_decision, (np.tanh(x[:n_h]), (y_hat[:, :, 0] > 0.5).astype(float), N((1, n_h)), N((1, 1)))),
        "entrenar_lstm": (proyecto.entrenar, (x, (y_hat[:, :, 0] > 0.5).astype(float), {**p, "W_y": N((1, n_h)), "b_y": N((1, 1))}, 3, 0.05, 1.0)),
        "normas_estado_celda": (proyecto.normas_cinta, (lstm.recorrido(x[:, :1], h[:, :1], C[:, :1], p)[2],)),
    }


def _igual(a, b) -> bool:
    if isinstance(b, dict):
        return isinstance(a, dict) and set(a) == set(b) and all(_igual(a[k], b[k]) for k in b)
    if isinstance(b, (tuple, list)):
        return isinstance(a, (tuple, list)) and len(a) == len(b) and all(_igual(u, v) for u, v in zip(a, b))
    try:
        a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    except (TypeError, ValueError):
        return False
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=1e-6, atol=1e-9))


def _cabe(funcion, n: int) -> bool:
    try:
        firma = inspect.signature(funcion)
    except (TypeError, ValueError):
        return False
    posicionales = [q for q in firma.parameters.values() if q.kind in (q.POSITIONAL_ONLY, q.POSITIONAL_OR_KEYWORD)]
    variadico = any(q.kind == q.VAR_POSITIONAL for q in firma.parameters.values())
    obligatorios = [q for q in posicionales if q.default is q.empty]
    obligatorios_nombrados = [q for q in firma.parameters.values() if q.kind == q.KEYWORD_ONLY and q.default is q.empty]
    return not obligatorios_nombrados and len(obligatorios) <= n and (variadico or n <= len(posicionales))


def _funciones(paquete: str, omitir: tuple[str, ...] = ()):
    """Cada función o método (público o privado) definido en los módulos de ``paquete``: (nombre, función)."""
    raiz = importlib.import_module(paquete)
    submodulos = pkgutil.walk_packages(raiz.__path__, paquete + ".") if hasattr(raiz, "__path__") else []
    modulos = [raiz] + [importlib.import_module(i.name) for i in submodulos]
    vistas = set()
    for modulo in modulos:
        for nombre, valor in vars(modulo).items():
            candidatos = [(f"{modulo.__name__}.{nombre}", valor)]
            if inspect.isclass(valor) and valor.__module__.startswith(paquete):
                for mnombre, mvalor in vars(valor).items():
                    if isinstance(mvalor, (staticmethod, classmethod)):
                        mvalor = mvalor.__func__
                    candidatos.append((f"{modulo.__name__}.{nombre}.{mnombre}", mvalor))
            for qual, f in candidatos:
                f = inspect.unwrap(f) if callable(f) else f
                if (inspect.isfunction(f) and f.__module__ and f.__module__.startswith(paquete) and id(f) not in vistas
                        and f.__name__ not in omitir):
                    vistas.add(id(f))
                    yield qual, f


def oraculo(paquete: str = "course", omitir: tuple[str, ...] = ()) -> dict:
    """Llama cada función de ``paquete`` con las entradas de cada ejercicio: {ejercicio: [funciones que lo responden]}."""
    import copy
    import warnings

    import matplotlib

    matplotlib.use("Agg")
    tabla = _tabla()
    funciones = list(_funciones(paquete, omitir))
    hallazgos: dict[str, list[str]] = {}
    for ejercicio, (referencia, entradas) in tabla.items():
        es_respuesta = (referencia.decide if isinstance(referencia, Comprobador)
                        else (lambda r, esperado=referencia(*copy.deepcopy(entradas)): _igual(r, esperado)))
        for nombre, f in funciones:
            if not _cabe(f, len(entradas)):
                continue
            try:
                with warnings.catch_warnings(), np.errstate(all="ignore"):
                    warnings.simplefilter("ignore")
                    resultado = f(*copy.deepcopy(entradas))
            except BaseException:  # noqa: BLE001 - cualquier falla es «no responde»
                continue
            if es_respuesta(resultado):
                hallazgos.setdefault(ejercicio, []).append(nombre)
    return hallazgos


# --------------------------------------------------------------------------- pruebas
@pytest.fixture(scope="module")
def distribucion(tmp_path_factory):
    from autograder.distribuir import distribuir

    carpeta = tmp_path_factory.mktemp("dist")
    zip_ = distribuir(carpeta)
    destino = carpeta / "abierto"
    with zipfile.ZipFile(zip_) as z:
        z.extractall(destino)
    (rueda,) = destino.glob("*.whl")
    paquete = carpeta / "paquete"
    with zipfile.ZipFile(rueda) as z:
        z.extractall(paquete)
    return destino, paquete


def _correr_oraculo(paquete: Path) -> dict:
    """El oráculo en otro proceso, importando ``course`` desde la rueda (no desde el repositorio)."""
    codigo = (f"import sys, json; sys.path.insert(0, {str(paquete)!r}); sys.path.insert(1, {str(Path(__file__).parent)!r})\n"
              "import course; assert course.__file__.startswith(sys.path[0]), course.__file__\n"
              "import test_distribucion as t; print(json.dumps(t.oraculo('course')))")
    salida = subprocess.run([sys.executable, "-c", codigo], capture_output=True, text=True, timeout=600)
    assert salida.returncode == 0, salida.stderr[-3000:]
    return json.loads(salida.stdout.strip().splitlines()[-1])


def test_la_tabla_cubre_los_45_ejercicios():
    from cuadernos import FUENTES, ejercicios, leer

    # ejercicios() ya deja fuera las preguntas de los cuestionarios: no tienen función; su clave vive en autograder/.
    todos = [e for ruta in FUENTES for e in ejercicios(leer(ruta))]
    tabla = _tabla()
    assert len(todos) == 45 and sorted(tabla) == sorted(todos)
    for ejercicio, (referencia, entradas) in tabla.items():
        assert referencia is not None, f"{ejercicio}: sin referencia en la tabla"


def test_contenido_del_zip(distribucion):
    destino, paquete = distribucion
    cuadernos = sorted(destino.glob("lecciones/*/*.ipynb"))
    assert len(cuadernos) == len(PUBLICADOS) == 10 and (destino / "LEEME.md").exists()
    leeme = (destino / "LEEME.md").read_text(encoding="utf-8")
    assert "pip install memoria_recurrente_curso-" in leeme and "jupyter lab lecciones" in leeme
    for archivo in [*destino.rglob("*"), *paquete.rglob("*")]:
        if archivo.is_file() and archivo.suffix in (".ipynb", ".py", ".md", ".json", ".txt", ".csv"):
            texto = archivo.read_text(encoding="utf-8")
            for marca in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"):
                assert marca not in texto, f"{archivo.name} contiene «{marca}»"


def test_la_rueda_solo_trae_course(distribucion):
    _, paquete = distribucion
    raices = {p.name for p in paquete.iterdir()}
    assert "course" in raices and all(r == "course" or r.endswith(".dist-info") for r in raices), raices
    modulos = [p.relative_to(paquete) for p in paquete.rglob("*.py")]
    assert modulos
    for modulo in modulos:
        assert not any(prohibido in part.removesuffix(".py") for part in modulo.parts for prohibido in PROHIBIDOS), modulo
        arbol = ast.parse((paquete / modulo).read_text(encoding="utf-8"))
        for nodo in ast.walk(arbol):
            if isinstance(nodo, ast.ImportFrom) and nodo.level == 0:
                assert not nodo.module.startswith("autograder"), f"{modulo} importa {nodo.module}"
            if isinstance(nodo, ast.Import):
                assert not any(a.name.startswith("autograder") for a in nodo.names), f"{modulo} importa autograder"


def _importados(fuente: str) -> list[str]:
    try:
        arbol = ast.parse(fuente)
    except SyntaxError:
        return []
    nombres = []
    for nodo in ast.walk(arbol):
        if isinstance(nodo, ast.Import):
            nombres += [a.name for a in nodo.names]
        elif isinstance(nodo, ast.ImportFrom):
            nombres += [nodo.module or ""] + [f"{nodo.module}.{a.name}" for a in nodo.names]
    return nombres


def test_ningun_cuaderno_importa_una_clave(distribucion):
    destino, _ = distribucion
    for ruta in destino.glob("lecciones/*/*.ipynb"):
        nb = json.loads(ruta.read_text(encoding="utf-8"))
        for celda in nb["cells"]:
            if celda["cell_type"] != "code":
                continue
            for nombre in _importados("".join(celda["source"])):
                partes = nombre.split(".")
                assert not any(p in PROHIBIDOS for p in partes), f"{ruta.name} ({celda.get('id')}) importa {nombre}"


def test_ninguna_funcion_de_la_rueda_responde_un_ejercicio(distribucion):
    _, paquete = distribucion
    assert _correr_oraculo(paquete) == {}


def test_el_oraculo_encuentra_las_claves_del_instructor():
    """Sobre el código del instructor, el oráculo reconoce cada ejercicio que tiene una sola función de referencia."""
    # main() de los generadores reescribiría course/datos; los entrenamientos de autograder.modelos tardan minutos.
    hallados = {}
    for paquete in ("autograder.referencias", "autograder.modelos.series", "autograder.modelos.adam"):
        hallados.update(oraculo(paquete, omitir=("main", "generar")))
    sin_funcion_unica = {"compuertas_escenario", "pesos_gatos", "parametros_gru", "recortar_gradiente"}
    assert set(_tabla()) - set(hallados) == sin_funcion_unica


def test_el_oraculo_atrapa_una_clave_escondida(distribucion, tmp_path):
    """La misma prueba con un módulo como el viejo ``course.referencia.rnn`` dentro de la rueda: falla."""
    import shutil

    _, paquete = distribucion
    copia = tmp_path / "paquete"
    shutil.copytree(paquete, copia)
    (copia / "course" / "ayuda.py").write_text(
        "import numpy as np\n\n\n"
        "def _paso(x_t, h_prev, W, b):\n"
        "    return np.tanh(W @ np.concatenate([h_prev, x_t]) + b)\n\n\n"
        "class Atajos:\n"
        "    @staticmethod\n"
        "    def mae(real, pronostico):\n"
        "        return float(np.mean(np.abs(real - pronostico)))\n", encoding="utf-8")
    hallazgos = _correr_oraculo(copia)
    assert "course.ayuda._paso" in hallazgos.get("paso_rnn", [])
    assert "course.ayuda.Atajos.mae" in hallazgos.get("error_absoluto_medio", [])
