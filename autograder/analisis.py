"""Lectura del código de una entrega por su estructura (ast): intentos de manipular el calificador y soluciones que delegan en el código del curso."""

from __future__ import annotations

import ast
import functools
import importlib
from dataclasses import dataclass, field

__all__ = ["Contexto", "arbol", "importaciones", "es_del_curso", "manipulaciones", "delegaciones", "referencias_al_curso",
           "contaminados", "AYUDAS", "PAQUETES_CURSO"]

#: Paquetes del curso y del calificador: su código puede calcular respuestas.
PAQUETES_CURSO = ("course", "autograder")
#: Módulos del curso que no resuelven ningún ejercicio, por eso una solución puede llamarlos:
#: comparaciones y generadores de las pruebas, gráficas y paneles interactivos. ``course.datos``
#: no está: ``energia.mae`` o ``energia.estandarizar`` son respuestas de la lección 09.
AYUDAS = ("course.pruebas", "course.graficas", "course.paneles", "autograder.pruebas")

_PROTEGIDOS = ("numpy",) + PAQUETES_CURSO
_SISTEMA = {"os.system", "os.popen", "os.fork", "os.forkpty", "os.posix_spawn", "os.posix_spawnp", "pty.spawn", "pty.fork"}
_MAGIAS_SISTEMA = {"bash", "sh", "script", "system", "sx", "python", "python2", "python3", "perl", "ruby", "env",
                   "set_env", "run", "load", "writefile", "file"}
_ENTORNO = {"update", "setdefault", "pop", "popitem", "clear", "__setitem__", "__delitem__"}
_ABRIR = {"open", "io.open", "os.open", "codecs.open", "sqlite3.connect", "pathlib.Path", "pathlib.PurePath",
          "shutil.copy", "shutil.copyfile", "shutil.copy2", "shutil.move", "os.remove", "os.unlink", "os.rename"}


def arbol(fuente) -> ast.Module | None:
    """El árbol de sintaxis de una celda (las magias de IPython se traducen antes); None si no es Python válido.

    El mismo texto da el mismo árbol, que nadie modifica: las celdas de la lección y las que los
    estudiantes no tocaron se leen una vez por proceso, no una vez por entrega.
    """
    if not isinstance(fuente, str):
        return None
    # Una celda enorme (la de un estudiante hostil) no se guarda: la caché no debe crecer con ella.
    return _arbol_guardado(fuente) if len(fuente) <= 20_000 else _arbol(fuente)


@functools.lru_cache(maxsize=4096)
def _arbol_guardado(fuente: str) -> ast.Module | None:
    return _arbol(fuente)


def _arbol(fuente: str) -> ast.Module | None:
    try:
        from IPython.core.inputtransformer2 import TransformerManager

        fuente = TransformerManager().transform_cell(fuente)
    except Exception:  # noqa: BLE001 — sin IPython o con una magia rara se analiza el texto tal cual
        pass
    try:
        return ast.parse(fuente)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _partes(nodo) -> list[str] | None:
    """``a.b.c`` → ``["a", "b", "c"]``; None si la cadena no empieza en un nombre."""
    partes = []
    while isinstance(nodo, ast.Attribute):
        partes.append(nodo.attr)
        nodo = nodo.value
    if isinstance(nodo, ast.Name):
        return [nodo.id, *reversed(partes)]
    return None


def _raiz(nodo):
    while isinstance(nodo, (ast.Attribute, ast.Subscript, ast.Call)):
        nodo = nodo.func if isinstance(nodo, ast.Call) else nodo.value
    return nodo.id if isinstance(nodo, ast.Name) else None


def importaciones(arboles) -> dict[str, str]:
    """``{nombre local: nombre completo}`` de los import de ``arboles`` (``np`` → ``numpy``)."""
    mapa: dict[str, str] = {}
    for a in arboles:
        if a is None:
            continue
        for nodo in ast.walk(a):
            if isinstance(nodo, ast.Import):
                for alias in nodo.names:
                    if alias.asname:
                        mapa[alias.asname] = alias.name
                    else:
                        mapa.setdefault(alias.name.split(".")[0], alias.name.split(".")[0])
            elif isinstance(nodo, ast.ImportFrom) and nodo.module and not nodo.level:
                for alias in nodo.names:
                    if alias.name != "*":
                        mapa[alias.asname or alias.name] = f"{nodo.module}.{alias.name}"
    return mapa


def _resolver(partes: list[str] | None, mapa: dict[str, str]) -> str | None:
    if not partes:
        return None
    base = mapa.get(partes[0], partes[0])
    return ".".join([base, *partes[1:]])


def _es_de(nombre: str | None, paquetes) -> bool:
    return bool(nombre) and any(nombre == p or nombre.startswith(p + ".") for p in paquetes)


def es_del_curso(nombre: str | None) -> bool:
    """¿``nombre`` (completo) es de ``course`` o de ``autograder``?"""
    return _es_de(nombre, PAQUETES_CURSO)


@dataclass
class Contexto:
    """Lo que se sabe de la lección: import de las celdas bloqueadas y lo que usa la solución oficial."""

    bloqueadas: dict[str, str] = field(default_factory=dict)  # nombre → nombre completo
    permitidos: set[str] = field(default_factory=set)  # nombres completos que usa la solución oficial


def _textos(nodo) -> list[str]:
    return [n.value for n in ast.walk(nodo) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _ligaduras_de_modulo(a: ast.Module):
    """Nodos que ligan un nombre en el espacio global del cuaderno: ``(nombre, nodo)``."""
    pendientes = list(a.body)
    while pendientes:
        nodo = pendientes.pop(0)  # en orden del código: las observaciones salen en ese orden
        if isinstance(nodo, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            yield nodo.name, nodo
            continue  # su cuerpo es local (salvo ``global``, que se revisa aparte)
        if isinstance(nodo, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            continue
        if isinstance(nodo, (ast.Import, ast.ImportFrom)):
            for alias in nodo.names:
                yield (alias.asname or alias.name.split(".")[0]), nodo
            continue
        if isinstance(nodo, ast.Name) and isinstance(nodo.ctx, (ast.Store, ast.Del)):
            yield nodo.id, nodo
        elif isinstance(nodo, ast.ExceptHandler) and nodo.name:
            yield nodo.name, nodo
        pendientes.extend(ast.iter_child_nodes(nodo))


def manipulaciones(a: ast.Module | None, mapa: dict[str, str], contexto: Contexto) -> list[str]:
    """Frases en español de lo que el código ``a`` hace contra las pruebas o el calificador."""
    if a is None:
        return []
    hallazgos: list[str] = []

    def anotar(texto: str) -> None:
        if texto not in hallazgos:
            hallazgos.append(texto)

    # Reasignar en el espacio global un nombre que importaron las celdas bloqueadas (las pruebas lo usan).
    for nombre, nodo in _ligaduras_de_modulo(a):
        if nombre not in contexto.bloqueadas:
            continue
        if isinstance(nodo, (ast.Import, ast.ImportFrom)) and importaciones([ast.Module([nodo], [])]).get(nombre) == contexto.bloqueadas[nombre]:
            continue  # volver a importar lo mismo no cambia nada
        anotar(f"reasigna «{nombre}», que usan las pruebas")
    for nodo in ast.walk(a):
        if isinstance(nodo, ast.Global):
            for nombre in nodo.names:
                if nombre in contexto.bloqueadas:
                    anotar(f"reasigna «{nombre}», que usan las pruebas (con global)")

    for nodo in ast.walk(a):
        if isinstance(nodo, (ast.Import, ast.ImportFrom)):
            modulos = [al.name for al in nodo.names] if isinstance(nodo, ast.Import) else [nodo.module or ""]
            for modulo in modulos:
                raiz = modulo.split(".")[0]
                if raiz == "builtins":
                    anotar("toca las funciones integradas de Python (builtins)")
                elif raiz == "importlib":
                    anotar("importa código de forma dinámica (importlib)")
                elif raiz == "ctypes":
                    anotar("usa ctypes para tocar la memoria del proceso")
                elif raiz in ("subprocess", "pty"):
                    anotar(f"ejecuta comandos del sistema ({raiz})")
                elif raiz == "signal":
                    anotar("manipula señales del proceso (signal)")
        elif isinstance(nodo, ast.Name) and nodo.id == "__builtins__":
            anotar("toca las funciones integradas de Python (__builtins__)")
        elif isinstance(nodo, ast.Attribute):
            nombre = _resolver(_partes(nodo), mapa)
            if nombre == "sys.modules":
                anotar("altera los módulos cargados (sys.modules)")
            elif nombre in ("builtins.__dict__",):
                anotar("toca las funciones integradas de Python (builtins)")
        if isinstance(nodo, ast.Call):
            _revisar_llamada(nodo, mapa, anotar)
        elif isinstance(nodo, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
            objetivos = nodo.targets if isinstance(nodo, (ast.Assign, ast.Delete)) else [nodo.target]
            for objetivo in objetivos:
                for sub in ast.walk(objetivo):
                    _revisar_objetivo(sub, mapa, anotar)
    return hallazgos


def _revisar_objetivo(objetivo, mapa, anotar) -> None:
    if isinstance(objetivo, ast.Attribute):
        nombre = _resolver(_partes(objetivo.value), mapa)
        if _es_de(nombre, ("numpy",)):
            anotar(f"modifica numpy ({nombre}.{objetivo.attr})")
        elif _es_de(nombre, PAQUETES_CURSO):
            anotar(f"modifica el código del curso ({nombre}.{objetivo.attr})")
    elif isinstance(objetivo, ast.Subscript):
        nombre = _resolver(_partes(objetivo.value), mapa)
        if nombre == "os.environ":
            anotar("cambia las variables de entorno del calificador (os.environ)")


def _revisar_llamada(nodo: ast.Call, mapa, anotar) -> None:
    partes = _partes(nodo.func)
    nombre = _resolver(partes, mapa)
    if isinstance(nodo.func, ast.Name) and nodo.func.id in ("exec", "eval", "compile", "__import__") and nodo.func.id not in mapa:
        anotar(f"ejecuta código dinámico ({nodo.func.id}), que puede esconder lo que hace")
        return
    if nombre in ("os.kill", "os.killpg", "os.pidfd_open"):
        anotar(f"envía señales a otros procesos ({nombre})")
    elif nombre in _SISTEMA or _es_de(nombre, ("subprocess",)) or (nombre or "").startswith(("os.exec", "os.spawn")):
        anotar(f"ejecuta comandos del sistema ({nombre})")
    elif nombre in ("sys.settrace", "sys.setprofile", "threading.settrace", "threading.setprofile"):
        anotar(f"altera la ejecución de Python ({nombre})")
    elif nombre in ("gc.get_objects", "gc.get_referrers", "gc.get_referents"):
        anotar(f"recorre los objetos internos de Python ({nombre})")
    elif nombre in ("os.putenv", "os.unsetenv") or (partes and len(partes) > 1 and partes[-1] in _ENTORNO
                                                      and _resolver(partes[:-1], mapa) == "os.environ"):
        anotar("cambia las variables de entorno del calificador (os.environ)")
    elif nombre in ("setattr", "delattr") and nodo.args:
        destino = _resolver(_partes(nodo.args[0]), mapa) if _partes(nodo.args[0]) else None
        if _es_de(destino, ("numpy",)):
            anotar(f"modifica numpy ({nombre} sobre {destino})")
        elif _es_de(destino, PAQUETES_CURSO):
            anotar(f"modifica el código del curso ({nombre} sobre {destino})")
    elif isinstance(nodo.func, ast.Attribute) and isinstance(nodo.func.value, ast.Call) and _partes(nodo.func.value.func) == ["get_ipython"]:
        # Lo que IPython hace con ``!orden`` o ``%%bash``.
        if nodo.func.attr in ("system", "getoutput"):
            anotar("ejecuta comandos del sistema (!)")
        elif nodo.func.attr in ("run_cell_magic", "run_line_magic") and nodo.args:
            magia = nodo.args[0].value if isinstance(nodo.args[0], ast.Constant) else None
            if magia in _MAGIAS_SISTEMA:
                anotar(f"ejecuta comandos del sistema (%{magia})")
    if nombre in _ABRIR or (partes and partes[-1] in ("open", "connect") and len(partes) > 1):
        if any("gradebook" in t.lower() for arg in [*nodo.args, *(k.value for k in nodo.keywords)] for t in _textos(arg)):
            anotar("intenta abrir el gradebook del calificador")


def _calcula(nombre: str) -> bool:
    """¿``nombre`` (completo) es un módulo o algo que se puede llamar? Si no se puede importar, se asume que sí."""
    partes = nombre.split(".")
    for corte in range(len(partes), 0, -1):
        try:
            objeto = importlib.import_module(".".join(partes[:corte]))
        except Exception:  # noqa: BLE001 — un módulo que ya no existe (se movió) cuenta como código del curso
            continue
        try:
            for atributo in partes[corte:]:
                objeto = getattr(objeto, atributo)
        except AttributeError:
            return True
        return callable(objeto) or isinstance(objeto, type(importlib))
    return True


def referencias_al_curso(a: ast.Module | None, contexto: Contexto) -> list[tuple[str, bool]]:
    """``[(nombre completo, lo importa la celda misma)]`` del código del curso que ``a`` importa o usa.

    Un uso se nombra completo (``autograder.referencias.rnn.celda``), tanto por los import de las celdas
    bloqueadas como por los de la celda misma; un import solo se nombra si la celda no usa nada a través de él.
    """
    if a is None:
        return []
    propias = importaciones([a])
    mapa = {**contexto.bloqueadas, **propias}
    importados: list[str] = []
    usos: list[tuple[str, bool]] = []
    interiores = set()
    for nodo in ast.walk(a):
        if isinstance(nodo, ast.Import):
            importados += [al.name for al in nodo.names]
        elif isinstance(nodo, ast.ImportFrom) and nodo.module and not nodo.level:
            importados += [f"{nodo.module}.{al.name}" for al in nodo.names]
        elif isinstance(nodo, ast.Attribute) and id(nodo) not in interiores:
            interiores.update(id(n) for n in ast.walk(nodo.value))
            partes = _partes(nodo)
            if partes and partes[0] in mapa:
                usos.append((_resolver(partes, mapa), partes[0] in propias))
        elif isinstance(nodo, ast.Name) and id(nodo) not in interiores and isinstance(nodo.ctx, ast.Load):
            if nodo.id in mapa:
                usos.append((mapa[nodo.id], nodo.id in propias))
    usados = [n for n, _ in usos]
    salida = usos + [(n, True) for n in importados if not any(u == n or u.startswith(n + ".") for u in usados)]
    return [r for r in dict.fromkeys(salida) if _es_de(r[0], PAQUETES_CURSO)]


def delegaciones(a: ast.Module | None, contexto: Contexto, contaminados_: dict[str, str] | None = None) -> list[str]:
    """Código del curso que calcula y que la solución ``a`` usa: import de ``course``/``autograder`` o llamadas fuera de las ayudas."""
    if a is None:
        return []
    salida = []
    for nombre, importado in referencias_al_curso(a, contexto):
        if importado:  # la solución misma importa del curso: siempre es delegación
            salida.append(nombre)
        elif _es_de(nombre, AYUDAS) or nombre in contexto.permitidos or not _calcula(nombre):
            continue
        else:
            salida.append(nombre)
    if contaminados_:
        for nodo in ast.walk(a):
            if isinstance(nodo, ast.Name) and isinstance(nodo.ctx, ast.Load) and nodo.id in contaminados_:
                salida.append(contaminados_[nodo.id])
    return list(dict.fromkeys(salida))


def contaminados(a: ast.Module | None, contexto: Contexto) -> dict[str, str]:
    """Nombres globales que una celda agregada por el estudiante define sobre código del curso: ``{nombre: llamada}``."""
    if a is None:
        return {}
    salida = {}
    for nodo in a.body:
        if isinstance(nodo, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Assign, ast.AnnAssign)):
            usados = delegaciones(ast.Module([nodo], []), contexto)
            if not usados:
                continue
            if isinstance(nodo, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                salida[nodo.name] = usados[0]
            else:
                objetivos = nodo.targets if isinstance(nodo, ast.Assign) else [nodo.target]
                for objetivo in objetivos:
                    for sub in ast.walk(objetivo):
                        if isinstance(sub, ast.Name):
                            salida[sub.id] = usados[0]
    return salida
