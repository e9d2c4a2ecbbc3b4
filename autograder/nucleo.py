"""Núcleo de calificación aislado con bubblewrap: configuración tipada, orden de ``bwrap`` y el arranque dentro de la caja.

El gestor de núcleos (``ejecucion.GestorAislado``) escribe una :class:`ConfigNucleo` en un archivo y
lanza :func:`orden_bwrap`: espacios de nombres nuevos de PID, red, IPC, UTS y montajes, la sesión
propia y ``--die-with-parent``; solo se montan, de solo lectura, el intérprete, el entorno virtual y
las carpetas de los paquetes ``course`` y ``autograder`` (nunca el repositorio), más una carpeta de
trabajo vacía y un ``/tmp`` propios, ambos tmpfs con tamaño máximo. Dentro de la caja corre
``python -m autograder.nucleo --dentro CONFIG -f CONEXION``: fija los límites, deja de ser root (si
lo era, pasa a un uid propio del núcleo) y ejecuta ipykernel, que importa numpy, matplotlib y el curso
(:data:`PRECARGA`) antes de cualquier celda.

Límite de procesos: ``RLIMIT_NPROC`` cuenta por uid y por espacio de nombres de usuario; como root
cada núcleo corre con su propio uid, y como usuario común en su propio espacio de nombres de
usuario, así que el límite es por núcleo. Memoria: espacio de direcciones (``RLIMIT_AS``).
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import resource
import shutil
import subprocess
import sys
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

__all__ = ["PRECARGA", "ConfigNucleo", "Diagnostico", "diagnostico", "compilar_paquetes", "rutas_de_lectura", "orden_bwrap",
           "orden_sin_caja", "precargar", "main"]

#: Carpeta de trabajo del núcleo dentro de la caja (vacía, escribible, con tamaño máximo).
TRABAJO = "/trabajo"
#: Donde se ven, de solo lectura, la configuración y la copia del archivo de conexión.
CONTROL = "/run/calificador"
#: Caché de fuentes de matplotlib preparada por el calificador (solo lectura).
CACHE_MPL = "/run/calificador-mpl"
_MIB = 1024**2
#: Módulos que el núcleo importa al arrancar (sin nombres nuevos para el estudiante): la primera celda no los paga.
PRECARGA = ("numpy", "matplotlib.pyplot", "course.datos", "course.graficas", "course.paneles", "course.pruebas")


@dataclass
class ConfigNucleo:
    """Lo que el trabajador le pasa al lanzador del núcleo (un archivo JSON, no variables de entorno)."""

    memoria: int = 2048 * _MIB      # bytes de espacio de direcciones
    archivo: int = 64 * _MIB        # tamaño máximo de un archivo escrito
    disco: int = 256 * _MIB         # tamaño de la carpeta de trabajo (tmpfs)
    tmp: int = 64 * _MIB            # tamaño de /tmp (tmpfs)
    procesos: int = 64              # procesos e hilos del núcleo y sus hijos
    salida: int = 0                 # caracteres por celda antes de cortar la escritura (0: sin tope)
    mpl: str = ""                   # caché de fuentes de matplotlib para copiar
    uid: int = 0                    # uid del núcleo cuando el calificador corre como root
    precarga: list[str] = field(default_factory=lambda: list(PRECARGA))  # importados antes de la primera celda
    aislado: bool = True            # False: sin caja (solo con --sin-aislamiento)

    def guardar(self, ruta: Path) -> None:
        Path(ruta).write_text(json.dumps(asdict(self)), encoding="utf-8")

    @classmethod
    def cargar(cls, ruta: str) -> "ConfigNucleo":
        datos = json.loads(Path(ruta).read_text(encoding="utf-8"))
        return cls(**{f.name: datos[f.name] for f in fields(cls) if f.name in datos})


@dataclass(frozen=True)
class Diagnostico:
    """¿Se puede aislar cada núcleo en esta máquina? ``motivo`` explica por qué no."""

    disponible: bool
    motivo: str = ""
    version: str = ""


def _espacios() -> list[str]:
    comunes = ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try",
               "--die-with-parent", "--new-session"]
    if os.geteuid() == 0:
        return comunes  # root: bwrap monta con privilegios; el núcleo pasa a su uid propio
    return ["--unshare-user", "--disable-userns", *comunes]


@functools.lru_cache(maxsize=None)
def diagnostico() -> Diagnostico:
    """Prueba bubblewrap una vez (con los mismos espacios de nombres que usará cada núcleo)."""
    bwrap = shutil.which("bwrap")
    if not bwrap:
        return Diagnostico(False, "no está instalado bubblewrap (bwrap); en Debian o Ubuntu: sudo apt-get install bubblewrap")
    version = subprocess.run([bwrap, "--version"], capture_output=True, text=True).stdout.strip()
    prueba = [bwrap, *_espacios(), *_montajes_sistema(), "--proc", "/proc", "--dev", "/dev", "true"]
    try:
        r = subprocess.run(prueba, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as error:
        return Diagnostico(False, f"bubblewrap no pudo ejecutarse: {error}", version)
    if r.returncode != 0:
        return Diagnostico(False, "bubblewrap no pudo crear los espacios de nombres (¿espacios de nombres de usuario "
                                  f"desactivados en esta máquina?): {r.stderr.strip()[:300]}", version)
    return Diagnostico(True, "", version)


def _montajes_sistema() -> list[str]:
    """``/usr`` y los enlaces o carpetas ``/lib*``, ``/bin`` tal como están en la máquina; de ``/etc``, lo mínimo."""
    argv = ["--ro-bind", "/usr", "/usr"]
    for nombre in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        ruta = f"/{nombre}"
        if os.path.islink(ruta):
            argv += ["--symlink", os.readlink(ruta), ruta]
        elif os.path.isdir(ruta):
            argv += ["--ro-bind", ruta, ruta]
    for ruta in ("/etc/ld.so.cache", "/etc/localtime"):
        if os.path.exists(ruta):
            argv += ["--ro-bind", ruta, ruta]
    return argv


def _carpeta_paquete(nombre: str) -> str:
    especificacion = importlib.util.find_spec(nombre)
    return os.path.realpath(list(especificacion.submodule_search_locations)[0])


@functools.lru_cache(maxsize=None)
def compilar_paquetes() -> None:
    """Deja al día el bytecode de ``course`` y ``autograder`` junto a sus fuentes, una vez por proceso.

    Dentro de la caja esas carpetas son de solo lectura: sin ``__pycache__`` cada núcleo recompilaría
    lo que importa, y la guardia lo recarga antes de cada celda de prueba.
    """
    import compileall

    for nombre in ("course", "autograder"):
        carpeta = _carpeta_paquete(nombre)
        if os.access(carpeta, os.W_OK):  # un paquete instalado en una carpeta ajena ya trae su bytecode
            compileall.compile_dir(carpeta, quiet=2)


def rutas_de_lectura() -> list[str]:
    """Lo que el núcleo necesita leer: el intérprete, el entorno virtual y las carpetas de ``course`` y ``autograder``."""
    rutas = {os.path.realpath(sys.base_prefix), os.path.realpath(sys.prefix),
             os.path.dirname(os.path.dirname(os.path.realpath(sys.executable))),
             _carpeta_paquete("course"), _carpeta_paquete("autograder")}
    if _sitio_de_usuario():
        rutas.add(_sitio_de_usuario())
    # Lo que ya está bajo /usr (o bajo otra ruta de la lista) no se monta dos veces.
    rutas = {r for r in rutas if r != "/" and not r.startswith("/usr/") and r != "/usr"}
    return sorted(r for r in rutas if not any(r != o and r.startswith(o + os.sep) for o in rutas))


def _sitio_de_usuario() -> str:
    """Los paquetes de «pip install --user», si este Python los usa: solo esa carpeta de la casa, no la casa."""
    import site

    usuario = site.getusersitepackages() if site.ENABLE_USER_SITE else ""
    return os.path.realpath(usuario) if usuario and usuario in sys.path and os.path.isdir(usuario) else ""


def _ruta_python() -> str:
    """Carpetas que contienen ``course`` y ``autograder`` (dentro de la caja solo tienen esos paquetes) y la de usuario."""
    carpetas = [os.path.dirname(_carpeta_paquete(n)) for n in ("course", "autograder")] + [_sitio_de_usuario()]
    return os.pathsep.join(dict.fromkeys(c for c in carpetas if c))


def _entorno() -> dict[str, str]:
    return {
        "HOME": TRABAJO, "TMPDIR": "/tmp", "IPYTHONDIR": "/tmp/.ipython", "MPLCONFIGDIR": "/tmp/.matplotlib",
        "XDG_CACHE_HOME": "/tmp/.cache",  # la caché de fontconfig no aparece en la carpeta de trabajo
        "PATH": f"{os.path.dirname(sys.executable)}:/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8",
        "PYTHONPATH": _ruta_python(), "PYTHONDONTWRITEBYTECODE": "1", "PYTHONHASHSEED": "0", "MPLBACKEND": "Agg",
        "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
        # El límite de memoria cuenta espacio de direcciones: sin esto, cada hilo reserva 64 MiB de arena.
        "MALLOC_ARENA_MAX": "2", "NBGRADER_EXECUTION": os.environ.get("NBGRADER_EXECUTION", "autograde"),
    }


def orden_bwrap(config: ConfigNucleo, control: Path, sockets: Path) -> list[str]:
    """``argv`` que lanza el núcleo en su caja.

    ``control``: carpeta con ``config.json`` y ``conexion.json`` (se ve en :data:`CONTROL`);
    ``sockets``: carpeta de los sockets del núcleo (la única escribible del disco real, misma ruta).
    """
    argv = ["bwrap", *_espacios(), *_montajes_sistema(), "--proc", "/proc", "--dev", "/dev",
            "--perms", "1777", "--size", str(config.tmp), "--tmpfs", "/dev/shm",
            "--perms", "1777", "--size", str(config.tmp), "--tmpfs", "/tmp",
            "--perms", "0700", "--size", str(config.disco), "--tmpfs", TRABAJO]
    # Después de /tmp: el repositorio o el entorno pueden vivir bajo /tmp (una carpeta de mktemp -d).
    for ruta in rutas_de_lectura():
        argv += ["--ro-bind", ruta, ruta]
    argv += ["--bind", str(sockets), str(sockets),
             "--ro-bind", str(control), CONTROL]
    if config.mpl and os.path.isdir(config.mpl):
        argv += ["--ro-bind", config.mpl, CACHE_MPL]
    # bwrap crea con modo 0700 las carpetas intermedias de cada montaje: el uid del núcleo debe atravesarlas.
    montadas = [*rutas_de_lectura(), str(sockets), CONTROL, CACHE_MPL, "/tmp"]
    for carpeta in sorted({str(a) for r in montadas for a in Path(r).parents} - {"/"} - set(montadas)):
        if not any(carpeta == m or carpeta.startswith(m + os.sep) for m in montadas if m != "/tmp"):
            argv += ["--chmod", "0755", carpeta]
    # La raíz de la caja es un tmpfs sin tamaño: de solo lectura, para que solo /tmp y la carpeta de trabajo crezcan.
    argv += ["--remount-ro", "/", "--chdir", TRABAJO, "--clearenv"]
    for variable, valor in _entorno().items():
        argv += ["--setenv", variable, valor]
    return argv + [sys.executable, "-m", "autograder.nucleo", "--dentro", f"{CONTROL}/config.json",
                   "-f", f"{CONTROL}/conexion.json"]


def orden_sin_caja(control: Path) -> list[str]:
    """``argv`` sin aislamiento (solo con ``--sin-aislamiento``): límites de recursos y nada más."""
    return [sys.executable, "-m", "autograder.nucleo", "--dentro", str(control / "config.json"),
            "-f", str(control / "conexion.json")]


def _copiar_cache_mpl(origen: str, destino: str) -> None:
    os.makedirs(destino, exist_ok=True)
    if origen and os.path.isdir(origen):
        for nombre in os.listdir(origen):
            if nombre.endswith(".json"):
                shutil.copy(os.path.join(origen, nombre), destino)


def _limitar(config: ConfigNucleo) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (config.memoria, config.memoria))
    resource.setrlimit(resource.RLIMIT_FSIZE, (config.archivo, config.archivo))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_NOFILE, (512, 512))
    resource.setrlimit(resource.RLIMIT_NPROC, (config.procesos, config.procesos))


def _dentro(ruta_config: str, resto: list[str]) -> None:
    """Ya dentro de la caja: caché de matplotlib, límites, uid propio (si somos root) e ipykernel."""
    config = ConfigNucleo.cargar(ruta_config)
    if config.aislado:
        os.environ.update(_entorno())
        _copiar_cache_mpl(CACHE_MPL, os.environ["MPLCONFIGDIR"])
    else:  # sin caja: al menos la carpeta propia y los límites
        os.environ.update({k: v for k, v in _entorno().items() if k not in ("PATH", "PYTHONPATH")},
                          HOME=os.getcwd(), TMPDIR=os.getcwd(), MPLCONFIGDIR=os.path.join(os.getcwd(), ".matplotlib"),
                          IPYTHONDIR=os.path.join(os.getcwd(), ".ipython"), XDG_CACHE_HOME=os.path.join(os.getcwd(), ".cache"))
        _copiar_cache_mpl(config.mpl, os.environ["MPLCONFIGDIR"])
    if config.aislado and os.geteuid() == 0 and config.uid:
        for raiz in ("/tmp", TRABAJO):
            dispositivo = os.lstat(raiz).st_dev
            for actual, carpetas, archivos in os.walk(raiz):
                # Solo lo del tmpfs propio: el repositorio o el entorno pueden estar montados (de solo lectura) bajo /tmp.
                carpetas[:] = [n for n in carpetas if os.lstat(os.path.join(actual, n)).st_dev == dispositivo]
                for nombre in [actual, *(os.path.join(actual, n) for n in carpetas + archivos)]:
                    os.lchown(nombre, config.uid, config.uid)
        os.setgroups([])
        os.setgid(config.uid)
        os.setuid(config.uid)
    _limitar(config)
    # La salida directa a los descriptores 1 y 2 no debe llegar a la terminal del calificador.
    nulo = os.open(os.devnull, os.O_WRONLY)
    os.dup2(nulo, 1)
    os.dup2(nulo, 2)
    # Una sola línea de arranque: expresiones que no dejan nombres en el espacio del estudiante.
    lineas = [f"__import__('autograder.nucleo').nucleo.precargar({list(config.precarga)!r})"] if config.precarga else []
    if config.salida > 0:
        lineas.append(f"__import__('autograder.tope').tope.instalar({config.salida})")
    extra = [f"--IPKernelApp.exec_lines={'; '.join(lineas)}"] if lineas else []
    argumentos = ["--HistoryManager.enabled=False", *extra, *resto]
    if not config.aislado:
        # Sin caja, el entorno de arriba (semilla de hash, arenas de malloc) solo rige en un intérprete nuevo.
        os.execv(sys.executable, [sys.executable, "-m", "ipykernel_launcher", *argumentos])
    # En la caja, bwrap ya fijó ese entorno: ipykernel arranca en este mismo proceso (sin un segundo intérprete).
    # Un núcleo de calificación nunca se depura: sin debugpy, ipykernel no lo importa (≈40 ms por núcleo).
    sys.modules["debugpy"] = None
    from ipykernel import kernelapp

    kernelapp.launch_new_instance(argumentos)
    sys.exit(0)


def precargar(modulos: list[str]) -> None:
    """Importa ``modulos`` en el núcleo; uno que falle se deja para la celda que lo pida (ahí se verá el error)."""
    import importlib

    for nombre in modulos:
        try:
            importlib.import_module(nombre)
        except Exception:  # noqa: BLE001
            pass


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if len(argv) >= 2 and argv[0] == "--dentro":
        _dentro(argv[1], argv[2:])
    sys.exit("uso: python -m autograder.nucleo --dentro CONFIG -f CONEXION (lo lanza ejecucion.GestorAislado)")


if __name__ == "__main__":
    main()
