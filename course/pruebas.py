"""Comprobaciones con mensajes en español para las celdas de prueba de los cuadernos."""

from __future__ import annotations

import contextlib
import traceback
import warnings

import numpy as np

__all__ = [
    "comprobar_arreglo",
    "comprobar_forma",
    "comprobar_cercano",
    "comprobar_escalar",
    "comprobar_sin_cambios",
    "llamar",
    "sin_advertencias",
    "con_referencia",
    "generador",
]

_TOLERANCIA_RELATIVA = 1e-6
_TOLERANCIA_ABSOLUTA = 1e-8


def generador(semilla: int | None = None) -> np.random.Generator:
    """Generador de números aleatorios de numpy; sin semilla, uno nuevo en cada prueba."""
    return np.random.default_rng(semilla)


def comprobar_arreglo(valor, nombre: str) -> np.ndarray:
    """Exige un arreglo de numpy de números reales y lo devuelve.

    Falla con un mensaje si la función devolvió None (olvidaste ``return``),
    una tupla o una lista.
    """
    __tracebackhide__ = True
    if valor is None:
        raise AssertionError(
            f"`{nombre}` es None: ¿olvidaste escribir `return` al final de tu función?"
        )
    if isinstance(valor, (tuple, list)):
        raise AssertionError(
            f"`{nombre}` debe ser un solo arreglo de numpy, pero obtuviste un {type(valor).__name__} "
            f"de {len(valor)} elementos."
        )
    arreglo = np.asarray(valor)
    if arreglo.dtype == object or not np.issubdtype(arreglo.dtype, np.number):
        raise AssertionError(f"`{nombre}` debe contener números; su tipo es {arreglo.dtype}.")
    return arreglo


def comprobar_forma(valor, forma: tuple, nombre: str, pista: str | None = None) -> np.ndarray:
    """Exige que ``valor`` tenga la forma ``forma``; el mensaje muestra ambas formas.

    Args:
        valor: el arreglo que devolvió el estudiante.
        forma: la forma esperada, por ejemplo ``(n_h, m)``.
        nombre: cómo se llama el valor en la lección (``h_t``, ``C_t``…).
        pista: causa probable del error, si se conoce.
    """
    __tracebackhide__ = True
    arreglo = comprobar_arreglo(valor, nombre)
    forma = tuple(forma)
    if arreglo.shape != forma:
        mensaje = f"`{nombre}` tiene forma {arreglo.shape}, pero se esperaba {forma}."
        if arreglo.shape == forma[::-1] and len(forma) == 2:
            mensaje += " Parece transpuesto: revisa el orden de los factores del producto matricial."
        if pista:
            mensaje += " " + pista
        raise AssertionError(mensaje)
    return arreglo


def _posicion(indice) -> str:
    return "(" + ", ".join(str(int(i)) for i in indice) + ")"


def comprobar_cercano(
    obtenido,
    esperado,
    nombre: str,
    errores_comunes: dict[str, object] | None = None,
    pista: str | None = None,
    rtol: float = _TOLERANCIA_RELATIVA,
    atol: float = _TOLERANCIA_ABSOLUTA,
) -> None:
    """Compara ``obtenido`` con ``esperado`` y explica la diferencia.

    Args:
        obtenido: lo que devolvió el estudiante.
        esperado: el valor correcto (misma forma).
        nombre: nombre del valor en la lección.
        errores_comunes: ``{pista: valor}``; si ``obtenido`` coincide con el valor
            que produce un error típico, el mensaje da esa pista.
        pista: pista general que se añade si no se reconoce el error.
    """
    __tracebackhide__ = True
    esperado = np.asarray(esperado, dtype=float)
    obtenido = comprobar_forma(obtenido, esperado.shape, nombre)
    obtenido = obtenido.astype(float)
    if not np.all(np.isfinite(obtenido)):
        raise AssertionError(
            f"`{nombre}` contiene NaN o infinito: revisa que la función no desborde "
            "(por ejemplo, np.exp de un número muy grande) ni divida entre cero."
        )
    if np.allclose(obtenido, esperado, rtol=rtol, atol=atol):
        return
    diferencia = np.abs(obtenido - esperado)
    malas = ~np.isclose(obtenido, esperado, rtol=rtol, atol=atol)
    mensaje = f"`{nombre}` no coincide con lo esperado en {int(malas.sum())} de {malas.size} entradas."
    if esperado.ndim == 0:
        mensaje += f" Obtuviste {float(obtenido):.6g}; se esperaba {float(esperado):.6g}."
    else:
        peor = np.unravel_index(int(np.argmax(diferencia)), diferencia.shape)
        mensaje += (
            f" La mayor diferencia es {float(diferencia[peor]):.3g} en la posición {_posicion(peor)}:"
            f" obtuviste {float(obtenido[peor]):.6g} y se esperaba {float(esperado[peor]):.6g}."
        )
    for texto, valor_erroneo in (errores_comunes or {}).items():
        valor_erroneo = np.asarray(valor_erroneo, dtype=float)
        if valor_erroneo.shape == obtenido.shape and np.allclose(obtenido, valor_erroneo, rtol=rtol, atol=atol):
            raise AssertionError(mensaje + " Pista: " + texto)
    if pista:
        mensaje += " Pista: " + pista
    raise AssertionError(mensaje)


def comprobar_escalar(obtenido, esperado: float, nombre: str, **opciones) -> None:
    """Como :func:`comprobar_cercano`, pero exige un número (no un arreglo con varios)."""
    __tracebackhide__ = True
    arreglo = comprobar_arreglo(obtenido, nombre)
    if arreglo.size != 1:
        raise AssertionError(
            f"`{nombre}` debe ser un solo número, pero tiene forma {arreglo.shape}: "
            "¿olvidaste sumar (np.sum) o promediar?"
        )
    comprobar_cercano(arreglo.reshape(()), esperado, nombre, **opciones)


@contextlib.contextmanager
def sin_advertencias(que: str = "tu función"):
    """Convierte cualquier advertencia (desbordamiento, división entre cero…) en un error claro."""
    __tracebackhide__ = True
    # El subdesbordamiento (e^-1000 → 0) da el resultado correcto y numpy lo ignora por omisión.
    with warnings.catch_warnings(record=True) as avisos, np.errstate(all="warn", under="ignore"):
        warnings.simplefilter("always")
        yield
    if avisos:
        primera = avisos[0]
        raise AssertionError(
            f"{que} produjo una advertencia: «{primera.category.__name__}: {primera.message}». "
            "Escríbela de forma que no desborde ni divida entre cero."
        )


def comprobar_sin_cambios(antes, despues, nombre: str) -> None:
    """Exige que una entrada siga igual que su copia ``antes`` tras llamar a la función del estudiante."""
    __tracebackhide__ = True
    antes, despues = np.asarray(antes), np.asarray(despues)
    if antes.shape != despues.shape or not np.array_equal(antes, despues, equal_nan=antes.dtype.kind == "f"):
        raise AssertionError(f"modificaste {nombre} (la entrada); trabaja sobre una copia.")


#: Errores de numpy dentro del código del estudiante (una palabra de su mensaje) → explicación en español;
#: gana la primera que aparece.
_ERRORES_NUMPY = (
    ("matmul", "un producto matricial (@ o np.dot) recibió formas que no encajan: el número de "
     "columnas del primer factor debe ser igual al número de renglones del segundo. Revisa el orden de los factores "
     "y si alguno va transpuesto."),
    ("shapes", "dos arreglos tienen formas que no encajan en un producto o una operación: imprime sus formas y "
     "revisa el orden de los factores."),
    ("dimensions", "np.concatenate recibió arreglos cuyas formas no coinciden fuera del eje "
     "que unes: revisa el eje (axis=0 apila renglones) y que los dos tengan el mismo número de columnas m."),
    ("broadcast", "dos arreglos no se pueden combinar elemento a elemento porque sus formas no "
     "coinciden: revisa las formas (n_h, m) de cada término y los ejes de tus sumas."),
    ("axis", "usaste un eje que el arreglo no tiene: revisa el axis= de tus np.sum, np.mean o np.concatenate."),
    ("index", "un índice se sale del arreglo: revisa los límites de tus rebanadas y ciclos."),
)


def llamar(funcion, *args, **kwargs):
    """Llama a la función del estudiante; un error típico de formas de numpy llega explicado en español.

    Sigue siendo una excepción (``AssertionError`` encadenada al error original), así la celda falla igual.
    """
    __tracebackhide__ = True
    nombre = getattr(funcion, "__name__", "tu función")
    try:
        return funcion(*args, **kwargs)
    except NotImplementedError:
        raise
    except (ValueError, IndexError, np.exceptions.AxisError) as error:
        texto = str(error)
        explicacion = next((e for clave, e in _ERRORES_NUMPY if clave in texto), None)
        if explicacion is None:
            raise
        # La última línea de Python que no es de numpy: casi siempre, la del estudiante.
        propias = [m for m in traceback.extract_tb(error.__traceback__)[1:] if "numpy" not in m.filename]
        donde = f" en la línea «{propias[-1].line.strip()}»" if propias and propias[-1].line else ""
        raise AssertionError(f"`{nombre}` falló{donde}: {explicacion} (numpy dijo: {type(error).__name__}: {texto})") from None


def _sin_marcos_del_curso(shell, etype, value, tb, tb_offset=None):
    """Muestra el error sin los marcos de estas comprobaciones (``__tracebackhide__ = True``), ni siquiera el último.

    IPython oculta esos marcos salvo el que lanza el error; así el mensaje en español queda justo bajo la línea
    de la prueba que falló.
    """
    original = tb
    try:
        marcos = []
        while tb is not None:
            marcos.append(tb)
            tb = tb.tb_next
        visibles = [m for m in marcos if m.tb_frame.f_locals.get("__tracebackhide__") is not True] or marcos[:1]
        for marco, siguiente in zip(visibles, visibles[1:] + [None]):
            marco.tb_next = siguiente
        recortado = visibles[0] if visibles else None
    except Exception:  # el error siempre debe mostrarse: nbgrader califica por la salida de error
        recortado = original
    shell.showtraceback((etype, value, recortado), tb_offset=tb_offset)
    return []


def _registrar_en_ipython() -> None:
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None and not shell.custom_exceptions:
        shell.set_custom_exc((AssertionError,), _sin_marcos_del_curso)


@contextlib.contextmanager
def con_referencia(espacio: dict, **funciones):
    """Pone otras funciones en lugar de las del estudiante mientras dura el bloque.

    Así, la prueba de un ejercicio que usa otro anterior califica solo ese ejercicio: un error
    en el anterior no se cobra dos veces. Las pruebas visibles ponen piezas «de juguete» que no
    son respuestas; solo las pruebas ocultas, al calificar, ponen las del instructor.

    Args:
        espacio: el diccionario de nombres del cuaderno (``globals()``).
        funciones: ``nombre=función_sustituta``.
    """
    faltante = object()
    previas = {nombre: espacio.get(nombre, faltante) for nombre in funciones}
    espacio.update(funciones)
    try:
        yield
    finally:
        for nombre, previa in previas.items():
            if previa is faltante:
                espacio.pop(nombre, None)
            else:
                espacio[nombre] = previa


# En un núcleo de Jupyter, las pruebas que fallan muestran primero el mensaje en español.
_registrar_en_ipython()
