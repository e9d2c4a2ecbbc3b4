"""Tope de salida por celda dentro del núcleo: al pasarlo, la escritura del hilo principal lanza ``SalidaExcesiva``.

El lanzador lo instala con ``--IPKernelApp.exec_lines``; así un ciclo que imprime sin parar se
detiene en cuanto llega al tope, en vez de agotar el tiempo de la celda. El calificador además
descarta lo que pase del tope (ver ``ejecucion``), por si el estudiante esquiva este.
"""

from __future__ import annotations

import sys
import threading

__all__ = ["SalidaExcesiva", "instalar"]


class SalidaExcesiva(RuntimeError):
    """El cuaderno imprimió más caracteres de los permitidos."""


def instalar(limite: int) -> None:
    """Envuelve ``sys.stdout.write`` y ``sys.stderr.write`` antes de cada celda; comparten un contador que vuelve a cero en cada celda.

    IPython reemplaza ``write`` de los flujos al ejecutar cada celda (para guardar la salida en el
    historial) y lo restaura al terminar; por eso el envoltorio se reinstala en ``pre_execute``.
    """
    cuenta = [0]
    principal = threading.main_thread()

    def envolver(flujo):
        actual = flujo.write
        if getattr(actual, "_tope", False):
            return

        def write(texto, *args, **kwargs):
            cuenta[0] += len(texto)
            if cuenta[0] > limite:
                if threading.current_thread() is principal:
                    raise SalidaExcesiva(f"el cuaderno imprimió más de {limite} caracteres; la salida se detuvo aquí")
                return 0
            return actual(texto, *args, **kwargs)

        write._tope = True
        flujo.write = write

    def envolver_clase(clase):
        # ``type(sys.stdout).write(sys.stdout, …)`` esquiva el envoltorio del objeto: se envuelve también la clase.
        original = clase.write
        if getattr(original, "_tope", False):
            return

        def write(flujo, texto, *args, **kwargs):
            cuenta[0] += len(texto)
            if cuenta[0] > limite:
                if threading.current_thread() is principal:
                    raise SalidaExcesiva(f"el cuaderno imprimió más de {limite} caracteres; la salida se detuvo aquí")
                return 0
            return original(flujo, texto, *args, **kwargs)

        write._tope = True
        clase.write = write

    def antes_de_cada_celda(*_):
        cuenta[0] = 0  # el tope es por celda: una celda ruidosa no castiga a las pruebas siguientes
        envolver(sys.stdout)
        envolver(sys.stderr)
        envolver_clase(type(sys.stdout))

    from IPython import get_ipython

    shell = get_ipython()
    if shell is not None:
        shell.events.register("pre_execute", antes_de_cada_celda)
    antes_de_cada_celda()
