"""Una clase hostil contra la caja de cada núcleo, con dos trabajadores, como root y como un usuario sin privilegios desde una carpeta 0700.

Asesinos de procesos (dentro del núcleo y desprendidos con setsid), un sembrador de paquetes
``course/`` en las carpetas de otros núcleos, ladrones de soluciones (el disco visible, la copia
del otro trabajador, su propia carpeta, ``git show`` en el repositorio del paquete), una bomba de
300 procesos y un escritor de 2 GiB, calificados junto con estudiantes correctos: cada correcto
obtiene todo, cada ladrón cero y, al terminar ``calificar``, no queda ningún proceso suyo.
"""

from __future__ import annotations

import json
import os
import pwd
import re
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import pytest

from requisitos import saltar_o_fallar

pytestmark = pytest.mark.lento

CORRECTOS = ["victima_1", "victima_2", "victima_3"]
LADRONES = ["ladron_disco", "ladron_git"]


def correr_clase(curso: Path, marca: str) -> dict:
    """Prepara ``curso``, entrega la clase hostil y la califica con dos trabajadores; devuelve lo que se comprueba."""
    from autograder.calificar import Limites, calificar
    from autograder.clase import CASOS_ATAQUE, fabricar_clase
    from autograder.curso import RAIZ_REPO, CursoDeCalificacion, asignaciones

    asignacion = asignaciones(RAIZ_REPO)[0]
    copia = CursoDeCalificacion(curso)
    copia.preparar([asignacion])
    clase = fabricar_clase(RAIZ_REPO, asignacion, casos=[*CASOS_ATAQUE, "solucion_completa"], marca=marca)
    correcta = clase.pop("solucion_completa")
    for estudiante in CORRECTOS:
        clase[estudiante] = correcta
    clase[CORRECTOS[-1]] = (Path(correcta[0]).stem + ".IPYNB", correcta[1])  # también es un cuaderno
    for estudiante, (nombre, contenido) in clase.items():
        carpeta = curso / "submitted" / estudiante / asignacion
        carpeta.mkdir(parents=True, exist_ok=True)
        (carpeta / nombre).write_bytes(contenido)
    lista = calificar(curso, asignacion, trabajadores=2,
                      limites=Limites(celda=10, cuaderno=120, memoria_mib=1024, procesos=64, disco_mib=256))
    salidas = {}
    for r in lista:
        ruta = curso / "autograded" / r.estudiante / asignacion / f"{asignacion}.ipynb"
        texto = ""
        if ruta.exists():
            nb = json.loads(ruta.read_text(encoding="utf-8"))
            texto = "".join(o.get("text", "") if isinstance(o.get("text", ""), str) else "".join(o["text"])
                            for c in nb["cells"] if c["cell_type"] == "code" for o in c.get("outputs", []))
        salidas[r.estudiante] = {"total": r.total, "maximo": r.maximo, "estado": r.estado, "texto": texto,
                                 "aislamiento": r.aislamiento, "observaciones": r.observaciones}
    propios, pid = set(), os.getpid()
    while pid > 1:  # este proceso y sus antecesores (runuser, bwrap) llevan la marca en sus argumentos
        propios.add(str(pid))
        pid = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    vivos = [p for p in os.listdir("/proc") if p.isdigit() and p not in propios and marca in _linea_de_ordenes(p)]
    return {"resultados": salidas, "vivos": vivos}


def _linea_de_ordenes(pid: str) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return ""


def _comprobar(datos: dict) -> None:
    r = datos["resultados"]
    for estudiante in CORRECTOS:
        assert r[estudiante]["total"] == r[estudiante]["maximo"] > 0, (estudiante, r[estudiante]["observaciones"])
        assert r[estudiante]["estado"] == "calificada", r[estudiante]
    for ladron in LADRONES:
        assert r[ladron]["total"] == 0, (ladron, r[ladron])
        assert "soluciones robadas: 0" in r[ladron]["texto"], r[ladron]["texto"][-500:]
    lanzados = re.search(r"procesos lanzados: (\d+)", r["bomba_procesos"]["texto"])
    assert lanzados and int(lanzados.group(1)) < 300, r["bomba_procesos"]["texto"][-500:]
    escritos = re.search(r"MiB escritos: (\d+)", r["disco_lleno"]["texto"])
    assert escritos and int(escritos.group(1)) <= 256, r["disco_lleno"]["texto"][-500:]
    assert "demonio lanzado" in r["sembrador"]["texto"] and "demonio lanzado" in r["asesino_desprendido"]["texto"]
    assert all(v["aislamiento"].startswith("aislado con bubblewrap") for v in r.values())
    assert datos["vivos"] == [], "procesos de la clase vivos tras calificar"


def _exigir_caja() -> None:
    from autograder.nucleo import diagnostico

    if not diagnostico().disponible:
        saltar_o_fallar(f"Sin aislamiento de núcleos: {diagnostico().motivo}.")


def test_clase_hostil_como_root_o_usuario_actual(tmp_path):
    _exigir_caja()
    _comprobar(correr_clase(tmp_path / "curso", f"marca-{uuid.uuid4().hex}"))


# --- Como usuario sin privilegios, con el repositorio en una carpeta 0700 ---------------------------
RAIZ = Path(__file__).resolve().parent.parent
_USUARIO = "califprueba"


def _crear_usuario() -> pwd.struct_passwd:
    try:
        return pwd.getpwnam(_USUARIO)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", _USUARIO], check=True)
        return pwd.getpwnam(_USUARIO)


def _como_usuario(usuario: pwd.struct_passwd, argv: list[str], entorno: dict[str, str]) -> list[str]:
    """``runuser``; si el usuario no llega al intérprete (p. ej. Python bajo /root), se le muestra solo el intérprete."""
    base = ["runuser", "-u", usuario.pw_name, "--", "env", "-i", *(f"{k}={v}" for k, v in entorno.items())]
    if subprocess.run(["runuser", "-u", usuario.pw_name, "--", sys.executable, "-c", "pass"],
                      capture_output=True).returncode == 0:
        return base + argv
    # Vista del sistema igual a la real, salvo las carpetas cerradas sobre el intérprete: solo él queda a la vista.
    vista = ["bwrap", "--dev-bind", "/", "/"]
    for ruta in {os.path.realpath(sys.base_prefix), os.path.realpath(sys.prefix)}:
        cerrada = next((str(p) for p in reversed(Path(ruta).parents) if p != Path("/") and not os.stat(p).st_mode & 0o001), None)
        if cerrada:
            vista += ["--tmpfs", cerrada, "--ro-bind", ruta, ruta]
            vista += [a for p in Path(ruta).parents if str(p).startswith(cerrada) for a in ("--chmod", "0755", str(p))]
    return vista + base + argv


def test_clase_hostil_como_usuario_sin_privilegios_desde_carpeta_0700():
    """Como en CI: root crea un usuario y una carpeta 0700 (``mktemp -d``) con una copia del repositorio."""
    if os.geteuid() != 0:
        saltar_o_fallar("Crear un usuario para la prueba requiere root.")
    if not shutil.which("bwrap"):
        saltar_o_fallar("Falta bubblewrap (bwrap).")
    usuario = _crear_usuario()
    carpeta = Path(tempfile.mkdtemp(prefix="repo-0700-"))
    try:
        repo = carpeta / "repo"
        for nombre in ("autograder", "course", "source", "release", "tests"):
            shutil.copytree(RAIZ / nombre, repo / nombre, ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
        shutil.copy2(RAIZ / "nbgrader_config.py", repo / "nbgrader_config.py")
        # Un repositorio git con las soluciones: el ladrón de git no debe alcanzarlo.
        git = ["git", "-C", str(repo), "-c", "user.name=p", "-c", "user.email=p@p"]
        subprocess.run([*git, "init", "-q"], check=True)
        subprocess.run([*git, "add", "-A"], check=True)
        subprocess.run([*git, "commit", "-qm", "copia"], check=True)
        (carpeta / "casa").mkdir()
        subprocess.run(["chown", "-R", f"{usuario.pw_uid}:{usuario.pw_gid}", str(carpeta)], check=True)
        carpeta.chmod(0o700)
        marca = f"marca-{uuid.uuid4().hex}"
        entorno = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "HOME": str(carpeta / "casa"),
                   "PYTHONPATH": f"{repo}:{repo / 'tests'}", "LANG": "C.UTF-8", "MPLBACKEND": "Agg"}
        # La marca va en el entorno: en la línea de órdenes de este proceso se confundiría con un demonio vivo.
        entorno["MARCA"] = marca
        codigo = (f"import json, os, pathlib, test_clase_hostil as t; "
                  f"print('DATOS=' + json.dumps(t.correr_clase(pathlib.Path({str(carpeta / 'curso')!r}), os.environ['MARCA'])))")
        orden = _como_usuario(usuario, [sys.executable, "-c", codigo], entorno)
        r = subprocess.run(orden, capture_output=True, text=True, timeout=1500, cwd="/")
        linea = next((l for l in r.stdout.splitlines() if l.startswith("DATOS=")), None)
        assert linea, (r.returncode, r.stdout[-2000:], r.stderr[-3000:])
        datos = json.loads(linea.removeprefix("DATOS="))
        assert all("espacio de nombres de usuario propio" in v["aislamiento"] for v in datos["resultados"].values())
        _comprobar(datos)
        quedan = subprocess.run(["pgrep", "-u", usuario.pw_name], capture_output=True, text=True).stdout.split()
        assert quedan == [], f"procesos del usuario vivos tras calificar: {quedan}"
    finally:
        shutil.rmtree(carpeta, ignore_errors=True)
