"""La caja de cada núcleo (``nucleo``, ``ejecucion``): qué ve, qué puede escribir, sus límites, y que nada de una celda detenga el cuaderno."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from autograder.ejecucion import EjecucionAislada, SinAislamiento
from autograder.estados import ESTADOS, Estado, estado_de
from autograder.nucleo import ConfigNucleo, diagnostico, rutas_de_lectura
from autograder.resultados import causa_del_fallo
from requisitos import saltar_o_fallar

RAIZ = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module", autouse=True)
def caja():
    if not diagnostico().disponible:
        saltar_o_fallar(f"Sin aislamiento de núcleos: {diagnostico().motivo}.")


_OPCIONES = {"timeout": 5, "limite_cuaderno": 120, "limite_salida": 20_000, "procesos": 64, "disco_mib": 64}


def _ejecutar(celdas: list[str], carpeta: Path, **traits):
    nb = new_notebook(cells=[new_code_cell(c) for c in celdas],
                      metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    (carpeta / "cuaderno.ipynb").write_text(nbformat.writes(nb), encoding="utf-8")  # el cuaderno con sus pruebas
    opciones = {**_OPCIONES, **traits}
    nb, _ = EjecucionAislada(**opciones).preprocess(nb, {"metadata": {"path": str(carpeta)}})
    return ["".join(o.get("text", "") or f"{o.get('ename')}: {o.get('evalue')}" for o in c.outputs) for c in nb.cells], nb


def _procesos_con(marca: str) -> list[str]:
    vivos = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if marca in Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace"):
                vivos.append(pid)
        except OSError:
            pass
    return vivos


def test_lo_que_ve_y_escribe_el_nucleo(tmp_path):
    raiz_paquete = str(Path(__import__("course").__file__).resolve().parents[1])
    salidas, _ = _ejecutar([
        "import os, numpy as np\nnp.save('x.npy', np.arange(3))\nprint(os.getcwd(), sorted(os.listdir('.')), np.load('x.npy').sum())",
        f"import os\nprint(sorted(os.listdir({raiz_paquete!r})))",
        f"print([os.path.exists(p) for p in [{str(tmp_path / 'cuaderno.ipynb')!r}, {str(RAIZ / 'source')!r}, '/root/.ssh', '/home']])",
        "import socket\ntry:\n    socket.create_connection(('1.1.1.1', 53), timeout=2)\n    print('red: sí')\nexcept OSError:\n    print('red: no')",
        f"try:\n    open({str(RAIZ / 'course' / 'planta.py')!r}, 'w')\nexcept OSError as e:\n    print('paquete: solo lectura', type(e).__name__)",
        "print(sorted(int(p) for p in os.listdir('/proc') if p.isdigit())[:3])",
        "escritas = []\nfor ruta in ['/x', '/run/x', '/dev/shm/x', '/tmp/x']:\n    try:\n        open(ruta, 'w').write('1')\n"
        "        escritas.append(ruta)\n    except OSError:\n        pass\nprint(escritas)",
    ], tmp_path)
    assert salidas[0].strip() == "/trabajo ['x.npy'] 3"  # carpeta propia vacía; las escrituras relativas funcionan
    # Del repositorio, solo los dos paquetes (y el entorno virtual, si vive ahí).
    entorno = {Path(sys.prefix).resolve().name} if Path(sys.prefix).resolve().parent == Path(raiz_paquete) else set()
    assert set(eval(salidas[1])) == {"autograder", "course"} | entorno
    assert salidas[2].strip() == "[False, False, False, False]"
    assert salidas[3].strip() == "red: no"
    assert "paquete: solo lectura" in salidas[4]
    assert eval(salidas[5])[0] == 1  # espacio de PID propio
    assert eval(salidas[6]) == ["/dev/shm/x", "/tmp/x"]  # solo lo suyo, con tamaño; la raíz de la caja no


def test_rutas_de_lectura_nunca_el_repositorio():
    rutas = rutas_de_lectura()
    assert str(RAIZ) not in rutas and not any(r.endswith(("/source", "/release", "/.git")) for r in rutas)
    assert str((RAIZ / "course").resolve()) in rutas and str((RAIZ / "autograder").resolve()) in rutas


def test_limites_de_procesos_y_disco(tmp_path):
    salidas, _ = _ejecutar([
        "import os, time\nn = 0\ntry:\n    for _ in range(300):\n        if os.fork() == 0:\n            time.sleep(30)\n"
        "            os._exit(0)\n        n += 1\nexcept OSError:\n    pass\nprint('procesos', n)",
        "n = 0\ntry:\n    with open('grande.bin', 'wb') as f:\n        for _ in range(2048):\n            f.write(b'0' * 2**20)\n"
        "            n += 1\nexcept OSError as e:\n    print(type(e).__name__)\nprint('MiB', n)",
    ], tmp_path)
    assert 0 < int(salidas[0].split()[-1]) < 64
    assert int(salidas[1].split()[-1]) <= 64
    salidas, _ = _ejecutar(["import os\nprint(os.statvfs('/dev/shm').f_blocks * os.statvfs('/dev/shm').f_frsize // 2**20, "
                            "os.statvfs('/tmp').f_blocks * os.statvfs('/tmp').f_frsize // 2**20)"], tmp_path, tmp_mib=32)
    assert salidas[0].split() == ["32", "32"]


def test_tiempo_ignorado_e_inundacion_cuestan_solo_su_celda(tmp_path):
    marca = f"marca-{uuid.uuid4().hex}"
    inicio = time.monotonic()
    salidas, nb = _ejecutar([
        "x = 41",
        "while True:\n    try:\n        pass\n    except:\n        pass",
        "print('sigue', x + 1)",
        "import sys\nfor _ in range(3):\n    type(sys.stdout).write(sys.stdout, 'x' * 200_000_000)",
        f"import subprocess, sys\nsubprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300) # {marca}'], start_new_session=True)",
        "raise NameError('despues')",
    ], tmp_path)
    assert salidas[1] == "TiempoAgotado: La celda 2 tardó más de 5 s y se detuvo."
    assert salidas[2].strip() == "sigue 42"
    assert "SalidaExcesiva" in salidas[3]
    incidencias = nb.metadata["calificador"]["incidencias"]
    assert {"tipo": "tiempo_celda", "celda": 1, "grade_id": None} in incidencias
    assert time.monotonic() - inicio < 90
    assert _procesos_con(marca) == []  # el demonio desprendido murió con su núcleo


def test_sin_caja_se_rehusa(monkeypatch, tmp_path):
    import autograder.calificar as calificar_mod
    import autograder.ejecucion as ejecucion
    from autograder.nucleo import Diagnostico

    falta = Diagnostico(False, "no está instalado bubblewrap (bwrap)")
    monkeypatch.setattr(ejecucion, "diagnostico", lambda: falta)
    monkeypatch.setattr(calificar_mod, "diagnostico", lambda: falta)
    with pytest.raises(SinAislamiento, match="no está instalado bubblewrap"):
        _ejecutar(["print(1)"], tmp_path)
    with pytest.raises(SinAislamiento, match="--sin-aislamiento"):
        calificar_mod.aislamiento_de(calificar_mod.Limites())
    aislado, texto = calificar_mod.aislamiento_de(calificar_mod.Limites(), sin_aislamiento=True)
    assert not aislado and texto.startswith("SIN AISLAMIENTO") and "bubblewrap" in texto


def test_cli_calificar_se_rehusa_sin_caja(monkeypatch, tmp_path, capsys):
    import autograder.calificar as calificar_mod
    from autograder.__main__ import main
    from autograder.nucleo import Diagnostico

    monkeypatch.setattr(calificar_mod, "diagnostico", lambda: Diagnostico(False, "bubblewrap no pudo crear los espacios"))
    assert main(["calificar", "--curso", str(tmp_path / "curso"), "--asignacion", "01_problema_memoria"]) == 2
    assert "¡ATENCIÓN! No se puede aislar" in capsys.readouterr().err


def test_configuracion_tipada_llega_al_nucleo(tmp_path):
    config = ConfigNucleo(memoria=3 * 2**30, procesos=33, salida=7)
    config.guardar(tmp_path / "c.json")
    assert ConfigNucleo.cargar(str(tmp_path / "c.json")) == config
    salidas, _ = _ejecutar(["import resource, os\nprint(resource.getrlimit(resource.RLIMIT_NPROC)[0], "
                            "resource.getrlimit(resource.RLIMIT_AS)[0] // 2**20, sorted(os.listdir(os.environ['MPLCONFIGDIR'])))"],
                           tmp_path, procesos=33, memoria_mib=900, cache_matplotlib=str(_cache(tmp_path)))
    procesos, memoria, cache = salidas[0].split(" ", 2)
    assert (procesos, memoria) == ("33", "900") and "fontlist-prueba.json" in cache


def _cache(tmp_path: Path) -> Path:
    carpeta = tmp_path / "mpl"
    carpeta.mkdir()
    (carpeta / "fontlist-prueba.json").write_text("{}")
    return carpeta


def test_nbgrader_solo_usa_la_ejecucion_aislada(tmp_path):
    """``nbgrader autograde`` desde la carpeta del curso, sin el calificador: el núcleo está en su caja."""
    from autograder.clase import cuaderno_resuelto
    from autograder.curso import CursoDeCalificacion

    a = "01_problema_memoria"
    curso = tmp_path / "curso"
    CursoDeCalificacion(curso).preparar([a])
    nb = cuaderno_resuelto(RAIZ, a)
    nb.cells.insert(0, new_code_cell("import os\nprint('cwd:', os.getcwd(), os.path.exists('../../../gradebook.db'))"))
    (curso / "submitted" / "ana" / a).mkdir(parents=True)
    nbformat.write(nb, str(curso / "submitted" / "ana" / a / f"{a}.ipynb"))
    bin_ = Path(sys.executable).parent
    r = subprocess.run([str(bin_ / "nbgrader"), "autograde", a, "--student", "ana"], cwd=curso, capture_output=True,
                       text=True, env={**os.environ, "PATH": f"{bin_}:{os.environ['PATH']}"}, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    salida = nbformat.read(str(curso / "autograded" / "ana" / a / f"{a}.ipynb"), as_version=4)
    assert "cwd: /trabajo False" in "".join(o.get("text", "") for o in salida.cells[0].outputs)


def test_un_solo_enum_de_estados():
    assert ESTADOS["no_importada"] == Estado.NO_IMPORTADA == "no importada"
    assert estado_de({"tiempo", "nombre"}) is Estado.TIEMPO and estado_de(set()) is Estado.CALIFICADA


def test_causa_real_de_un_fallo_de_nbgrader():
    bitacora = ("[AutogradeApp | ERROR] Notebook JSON is invalid: 'grade_id' is a required property\n"
                "Traceback (most recent call last):\n  ...\n"
                "nbgrader.converters.base.NbGraderException: Please see the the above traceback for details")
    assert causa_del_fallo(bitacora) == "Notebook JSON is invalid: 'grade_id' is a required property"
    assert causa_del_fallo("RuntimeError: Kernel died before replying to kernel_info\nPlease see the above traceback") \
        == "RuntimeError: Kernel died before replying to kernel_info"


def _dos_estudiantes(carpeta: str) -> tuple[list[str], list[str], str, bool]:
    """Dos cuadernos seguidos con la reserva de núcleos, como en un trabajador; devuelve sus salidas y el núcleo de reserva."""
    from autograder import ejecucion

    primero, _ = _ejecutar([
        "import os, sys\nsecreto = 42\nopen('deja.txt', 'w').write('1')\nopen('/tmp/deja', 'w').write('1')\n"
        "sys.modules['numpy'].marca_del_estudiante = 1\nprint(os.getuid(), 'np' in globals(), "
        "all(m in sys.modules for m in ('numpy', 'matplotlib.pyplot', 'course.pruebas', 'course.paneles')))",
    ], Path(carpeta), reserva=1)
    listos = ejecucion._reserva()._listos
    reserva = listos[0][1]
    vivo = len(listos) == 1 and ejecucion._vivo(reserva)
    segundo, _ = _ejecutar([
        "import os, sys\nprint(os.getuid(), 'secreto' in globals(), sorted(os.listdir('.')), os.path.exists('/tmp/deja'), "
        "hasattr(sys.modules['numpy'], 'marca_del_estudiante'))",
    ], Path(carpeta), reserva=1)
    return primero, segundo, str(reserva._base), vivo


def test_reserva_un_nucleo_por_estudiante(tmp_path):
    """El núcleo del segundo cuaderno arrancó durante el primero, pero no ve nada de él; la reserva sobrante muere con el proceso."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=1) as grupo:  # los trabajadores de calificar terminan igual (os._exit)
        primero, segundo, base, vivo = grupo.submit(_dos_estudiantes, str(tmp_path)).result(timeout=300)
    uid_1, globales_1, precargados = primero[0].split()
    uid_2, *resto = segundo[0].split()
    assert vivo  # el de reserva ya estaba lanzado mientras corría el primero
    assert (globales_1, precargados) == ("False", "True")  # precargados sin nombres nuevos para el estudiante
    assert resto == ["False", "[]", "False", "False"]  # ni sus variables, ni sus archivos, ni sus cambios a los módulos
    if os.geteuid() == 0:
        assert uid_1 != uid_2 and int(uid_1) >= 3_000_000
    time.sleep(1)
    assert _procesos_con(base) == [] and not Path(base).exists()  # el núcleo de reserva que nadie usó


def test_reserva_descarta_nucleos_de_otra_configuracion(tmp_path):
    from autograder import ejecucion

    salidas, _ = _ejecutar(["import resource\nprint(resource.getrlimit(resource.RLIMIT_NPROC)[0])"], tmp_path, reserva=1, procesos=40)
    anterior = ejecucion._reserva()._listos[0][1]
    salidas_2, _ = _ejecutar(["import resource\nprint(resource.getrlimit(resource.RLIMIT_NPROC)[0])"], tmp_path, reserva=1, procesos=41)
    ejecucion._reserva().vaciar()
    assert (salidas[0].strip(), salidas_2[0].strip()) == ("40", "41")
    assert not ejecucion._vivo(anterior) and not Path(anterior._base).exists()


def test_reserva_llena_de_antemano_y_usada(tmp_path, monkeypatch):
    """El núcleo que el trabajador arranca al iniciar es el que usa el primer cuaderno, y muere con él."""
    from autograder import ejecucion

    ejecucion._reserva().vaciar()
    EjecucionAislada(**_OPCIONES, reserva=1).llenar_reserva()
    ((_, primero),) = ejecucion._reserva()._listos
    descartados = []
    original = ejecucion._matar
    monkeypatch.setattr(ejecucion, "_matar", lambda km: (descartados.append(km), original(km)))
    salidas, _ = _ejecutar(["print('hola')"], tmp_path, reserva=1)
    ejecucion._reserva().vaciar()
    assert salidas[0].strip() == "hola"
    assert primero not in descartados and not ejecucion._vivo(primero) and not Path(primero._base).exists()


def test_bytecode_del_curso_al_dia_antes_de_los_nucleos():
    """Dentro de la caja los paquetes son de solo lectura: su bytecode debe estar ya escrito y vigente."""
    import importlib.util

    from autograder import nucleo

    reciente = RAIZ / "course" / "__init__.py"
    os.utime(reciente)  # su bytecode, si lo había, ya es viejo: hay que rehacerlo
    nucleo.compilar_paquetes.cache_clear()
    nucleo.compilar_paquetes()
    fuentes = [p for n in ("course", "autograder") for p in (RAIZ / n).rglob("*.py")]
    assert fuentes
    for fuente in fuentes:
        compilado = Path(importlib.util.cache_from_source(str(fuente)))
        assert compilado.exists() and compilado.stat().st_mtime >= fuente.stat().st_mtime, fuente


def test_nucleos_caidos_y_de_reserva_no_dejan_restos(monkeypatch):
    """Un núcleo que muere (y se reinicia), el del cuaderno y el de reserva que nadie usó: al final no queda ni su
    carpeta ni un archivo de conexión suelto en la carpeta temporal."""
    import shutil
    import tempfile

    from autograder import ejecucion

    temporal = Path(tempfile.mkdtemp(prefix="ais-", dir="/tmp"))  # corta: los sockets de los núcleos caben
    try:
        monkeypatch.setattr(tempfile, "tempdir", str(temporal))
        salidas, _ = _ejecutar(["import os\nos._exit(3)", "print('sigue')"], temporal, reserva=1)
        assert [p.name for p in temporal.glob("nk-*")] and [p.name for p in temporal.glob("nk-*/c/conexion.json")]
        ejecucion._reserva().vaciar()
        assert "NucleoDetenido" in salidas[0] and salidas[1].strip() == "sigue"
        assert sorted(p.name for p in temporal.iterdir()) == ["cuaderno.ipynb"]
    finally:
        shutil.rmtree(temporal, ignore_errors=True)
