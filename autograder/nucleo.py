"""Lanzador del núcleo aislado: límites de recursos, sin red, solo su carpeta escribible, y luego ipykernel.

Se usa como ``argv`` de una especificación de núcleo (``kernel.json``)::

    python -m autograder.nucleo -f {connection_file}

Lee los límites de variables de entorno que fija el trabajador (``CALIFICADOR_*``). Como root:
crea espacios de nombres de red y de montajes (``unshare``), deja todo el sistema de archivos
de solo lectura salvo la carpeta de trabajo del cuaderno y la de los sockets, fija los
``rlimit`` y se convierte en ``nobody`` antes de ejecutar ipykernel. Si la máquina no permite
``unshare``, sigue con los límites y el cambio de usuario (el trabajador lo informa).
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import shutil
import sys
from pathlib import Path

__all__ = ["NOMBRE_NUCLEO", "instalar_especificacion", "red_aislable", "main"]

NOMBRE_NUCLEO = "curso-aislado"

_CLONE_NEWNS = 0x00020000
_CLONE_NEWNET = 0x40000000
_MS_RDONLY = 1
_MS_NOSUID = 2
_MS_NODEV = 4
_MS_REMOUNT = 32
_MS_BIND = 4096
_MS_REC = 16384
_MS_PRIVATE = 1 << 18
_NOBODY = 65534


def instalar_especificacion(carpeta: Path) -> str:
    """Escribe ``carpeta/kernels/curso-aislado/kernel.json``; añade ``carpeta`` a JUPYTER_PATH.

    Devuelve el nombre del núcleo para ``Execute.kernel_name``.
    """
    destino = Path(carpeta) / "kernels" / NOMBRE_NUCLEO
    destino.mkdir(parents=True, exist_ok=True)
    especificacion = {
        "argv": [sys.executable, "-m", "autograder.nucleo", "-f", "{connection_file}"],
        "display_name": "Python 3 (calificación aislada)",
        "language": "python",
        "metadata": {"debugger": False},
    }
    (destino / "kernel.json").write_text(json.dumps(especificacion, indent=1), encoding="utf-8")
    rutas = [str(Path(carpeta).resolve())] + [r for r in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if r]
    os.environ["JUPYTER_PATH"] = os.pathsep.join(dict.fromkeys(rutas))
    return NOMBRE_NUCLEO


def red_aislable() -> bool:
    """¿Permite la máquina crear un espacio de nombres de red? (se prueba en un proceso hijo)."""
    import subprocess

    codigo = "import ctypes,sys;sys.exit(ctypes.CDLL(None,use_errno=True).unshare(0x40000000|0x00020000)!=0)"
    try:
        return subprocess.run([sys.executable, "-c", codigo], timeout=20).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def _libc():
    return ctypes.CDLL(None, use_errno=True)


def _montar(libc, origen, destino, tipo, banderas, datos=None) -> None:
    codificar = lambda s: None if s is None else str(s).encode()  # noqa: E731
    if libc.mount(codificar(origen), codificar(destino), codificar(tipo), ctypes.c_ulong(banderas), codificar(datos)) != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"mount {destino}: {os.strerror(errno)}")


def _aislar_sistema(escribibles: list[str], ocultas: list[str]) -> bool:
    """Red y montajes propios; todo de solo lectura salvo ``escribibles``; ``ocultas`` quedan vacías.

    Devuelve si se logró.
    """
    libc = _libc()
    if libc.unshare(_CLONE_NEWNET | _CLONE_NEWNS) != 0:
        return False
    _montar(libc, None, "/", None, _MS_REC | _MS_PRIVATE)
    # Soluciones, pruebas ocultas, gradebook y entregas ajenas: invisibles para el código del estudiante.
    for ruta in ocultas:
        if os.path.isdir(ruta):
            _montar(libc, "tmpfs", ruta, "tmpfs", _MS_NOSUID | _MS_NODEV | _MS_RDONLY, "size=4k,mode=0555")
        elif os.path.isfile(ruta):
            _montar(libc, os.devnull, ruta, None, _MS_BIND)
    for carpeta in escribibles:
        _montar(libc, carpeta, carpeta, None, _MS_BIND | _MS_REC)
    _abrir_interprete(libc, escribibles[-1])
    _montar(libc, None, "/", None, _MS_REMOUNT | _MS_BIND | _MS_RDONLY)
    # Una /dev/shm nueva y pequeña, invisible fuera de este núcleo.
    if os.path.isdir("/dev/shm"):
        _montar(libc, "tmpfs", "/dev/shm", "tmpfs", _MS_NOSUID | _MS_NODEV, "size=16m,mode=1777")
    return True


def _cerrada(carpeta: str) -> bool:
    return not (os.stat(carpeta).st_mode & 0o001)


def _abrir_interprete(libc, provisional: str) -> None:
    """Si Python vive bajo una carpeta que ``nobody`` no puede atravesar (p. ej. ``/root/.pyenv``),
    en este espacio de montajes se tapa esa carpeta con un tmpfs vacío y se vuelve a montar dentro
    solo el subdirectorio que contiene Python."""
    for ruta in {os.path.realpath(sys.executable), os.path.realpath(sys.base_prefix)}:
        partes = ruta.split(os.sep)
        for i in range(2, len(partes)):
            padre, hijo = os.sep.join(partes[:i]) or "/", os.sep.join(partes[: i + 1])
            if padre != "/" and _cerrada(padre) and os.path.isdir(hijo):
                escala = os.path.join(provisional, ".interprete")
                os.makedirs(escala, exist_ok=True)
                _montar(libc, hijo, escala, None, _MS_BIND | _MS_REC)
                _montar(libc, "tmpfs", padre, "tmpfs", _MS_NOSUID | _MS_NODEV, "size=1m,mode=0755")
                os.makedirs(hijo, exist_ok=True)
                _montar(libc, escala, hijo, None, 8192)  # MS_MOVE
                break


def _accesible(ruta: str) -> bool:
    """¿Puede ``nobody`` llegar a ``ruta``? (todas las carpetas ancestro atravesables por «otros»)."""
    actual = os.path.realpath(ruta)
    while actual not in ("/", ""):
        actual = os.path.dirname(actual)
        if _cerrada(actual):
            return False
    return True


def _limitar(memoria: int, archivo: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memoria, memoria))
    resource.setrlimit(resource.RLIMIT_FSIZE, (archivo, archivo))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_NOFILE, (512, 512))


def _soltar_privilegios(carpetas: list[str]) -> None:
    for carpeta in carpetas:
        for actual, subcarpetas, archivos in os.walk(carpeta):
            for nombre in [actual, *(os.path.join(actual, n) for n in subcarpetas + archivos)]:
                os.lchown(nombre, _NOBODY, _NOBODY)
    os.setgroups([])
    os.setgid(_NOBODY)
    os.setuid(_NOBODY)


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    entorno = os.environ
    trabajo = os.getcwd()
    areas = [os.path.realpath(a) for a in entorno.get("CALIFICADOR_AREA", "").split(os.pathsep) if a]
    sockets = entorno.get("CALIFICADOR_SOCKETS", "")
    # Solo se abren la carpeta del cuaderno y la de sockets si están dentro de un área del trabajador.
    escribibles = [c for c in (trabajo, sockets)
                   if c and any(os.path.realpath(c) == a or os.path.realpath(c).startswith(a + os.sep) for a in areas)]
    for variable, valor in {
        "HOME": trabajo, "IPYTHONDIR": os.path.join(trabajo, ".ipython"), "MPLCONFIGDIR": os.path.join(trabajo, ".matplotlib"),
        "TMPDIR": trabajo, "PYTHONDONTWRITEBYTECODE": "1", "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1", "MPLBACKEND": "Agg", "PYTHONHASHSEED": "0",
        # El límite de memoria cuenta espacio de direcciones: sin esto, cada hilo reserva 64 MiB de arena.
        "MALLOC_ARENA_MAX": "2",
    }.items():
        entorno[variable] = valor
    bitacora = entorno.get("CALIFICADOR_BITACORA", os.devnull)
    tope = int(entorno.get("CALIFICADOR_SALIDA", "0") or 0)
    entorno_ocultas = entorno.get("CALIFICADOR_OCULTAR", "").split(os.pathsep)
    memoria = int(entorno.get("CALIFICADOR_MEMORIA", str(2 * 1024**3)))
    archivo = int(entorno.get("CALIFICADOR_ARCHIVO", str(64 * 1024**2)))
    for variable in [v for v in entorno if v.startswith("CALIFICADOR_") or v == "JUPYTER_PATH"]:
        entorno.pop(variable, None)
    cache_mpl = entorno.get("CALIFICADOR_MPL", "")
    if cache_mpl and os.path.isdir(cache_mpl):
        os.makedirs(entorno["MPLCONFIGDIR"], exist_ok=True)
        for nombre in os.listdir(cache_mpl):
            if nombre.endswith(".json"):
                shutil.copy(os.path.join(cache_mpl, nombre), entorno["MPLCONFIGDIR"])
    # El archivo de conexión lo escribe root con permisos 0600: el núcleo recibe una copia propia.
    if "-f" in argv and sockets and sockets in escribibles:
        posicion = argv.index("-f") + 1
        copia = os.path.join(sockets, "conexion.json")
        shutil.copy(argv[posicion], copia)
        argv[posicion] = copia
    _registro = os.open(bitacora, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    es_root = os.geteuid() == 0
    if es_root and escribibles:
        try:
            _aislar_sistema(escribibles, [r for r in entorno_ocultas if r])
        except OSError as error:  # sin permisos para montar: seguimos con el resto
            print(f"aislamiento parcial: {error}", file=sys.stderr)
    _limitar(memoria, archivo)
    if es_root and escribibles and _accesible(sys.executable) and _accesible(sys.base_prefix):
        _soltar_privilegios(escribibles)
    # La salida directa a los descriptores 1 y 2 no debe llegar a la terminal del calificador.
    nulo = os.open(os.devnull, os.O_WRONLY)
    os.dup2(nulo, 1)
    os.dup2(_registro, 2)
    extra = [f"--IPKernelApp.exec_lines=__import__('autograder.tope').tope.instalar({tope})"] if tope > 0 else []
    os.execv(sys.executable, [sys.executable, "-m", "ipykernel_launcher", "--HistoryManager.enabled=False", *extra, *argv])

if __name__ == "__main__":
    main()
