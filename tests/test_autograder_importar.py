"""importar: convenciones de nombres de Moodle, Canvas y Google Classroom, reenvíos, acentos, zips anidados e ids numéricos."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from autograder.importar import ColectorLMS, empaquetar, identificador, importar, reconocer

A = "01_problema_memoria"
CUADERNO = json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}).encode()


def _zip(archivos: dict[str, bytes]) -> bytes:
    memoria = io.BytesIO()
    with zipfile.ZipFile(memoria, "w") as z:
        for nombre, datos in archivos.items():
            z.writestr(nombre, datos)
    return memoria.getvalue()


@pytest.fixture
def curso(tmp_path):
    raiz = tmp_path / "curso"
    (raiz / "source" / A).mkdir(parents=True)
    (raiz / "source" / A / f"{A}.ipynb").write_bytes(CUADERNO)
    return raiz


def _importar(curso, archivos, nombre="descarga.zip"):
    ruta = curso.parent / nombre
    ruta.write_bytes(_zip(archivos))
    return importar(ruta, curso, A, gradebook=False)


def _colocados(curso) -> dict[str, list[str]]:
    return {p.name: sorted(q.name for q in (p / A).iterdir()) for p in sorted((curso / "submitted").iterdir())}


@pytest.mark.parametrize("ruta, estudiante, original, version, formato", [
    (f"José Núñez_123456_assignsubmission_file_/{A}.ipynb", "jose_nunez_123456", f"{A}.ipynb", 0, "Moodle"),
    (f"María de la Luz Peña_88_assignsubmission_file_{A}.ipynb", "maria_de_la_luz_pena_88", f"{A}.ipynb", 0, "Moodle"),
    (f"penamaria_1234_567890_{A}.ipynb", "penamaria_1234", f"{A}.ipynb", 0, "Canvas"),
    (f"penamaria_LATE_1234_567891_{A}-2.ipynb", "penamaria_1234", f"{A}.ipynb", 2, "Canvas"),
    (f"Ana Sofía Gómez - {A}.ipynb", "ana_sofia_gomez", f"{A}.ipynb", 0, "Google Classroom"),
    (f"Ana Sofía Gómez - {A} (1).ipynb", "ana_sofia_gomez", f"{A}.ipynb", 1, "Google Classroom"),
    (f"20231234/{A}.ipynb", "20231234", f"{A}.ipynb", 0, "carpeta"),
    (f"12345/Tarea - final.ipynb", "12345", "Tarea - final.ipynb", 0, "carpeta"),
    (f"José Núñez_5_assignsubmission_file_/José Núñez_5_assignsubmission_file_{A} (2).ipynb", "jose_nunez_5",
     f"{A}.ipynb", 2, "Moodle"),
    # Solo cuenta lo que escribe el LMS: la carpeta (o el primer prefijo), no lo que el estudiante puso en el nombre.
    (f"Mallory X_100099_assignsubmission_file_/Víctima Real_100017_assignsubmission_file_{A} (9).ipynb",
     "mallory_x_100099", f"Víctima Real_100017_assignsubmission_file_{A}.ipynb", 9, "Moodle"),
    (f"Mallory X_100099_assignsubmission_file_Víctima Real_100017_assignsubmission_file_{A} (9).ipynb",
     "mallory_x_100099", f"Víctima Real_100017_assignsubmission_file_{A}.ipynb", 9, "Moodle"),
    (f"mallory_99_555_Víctima Real_100017_assignsubmission_file_{A}.ipynb", "mallory_99",
     f"Víctima Real_100017_assignsubmission_file_{A}.ipynb", 0, "Canvas"),
    (f"Ana Gómez - Víctima Real_100017_assignsubmission_file_{A}.ipynb", "ana_gomez",
     f"Víctima Real_100017_assignsubmission_file_{A}.ipynb", 0, "Google Classroom"),
    (f"Ana Gómez - garciajuan_11_1_{A}.ipynb", "ana_gomez", f"garciajuan_11_1_{A}.ipynb", 0, "Google Classroom"),
])
def test_reconocer(ruta, estudiante, original, version, formato):
    ident = reconocer(ruta)
    assert (ident.estudiante, ident.original, ident.version, ident.formato) == (estudiante, original, version, formato)


def test_reconocer_canvas_tarde():
    assert reconocer(f"penamaria_LATE_1234_567891_{A}.ipynb").tarde


def test_identificador_sin_acentos():
    assert identificador("  Íñigo  O'Brien-Ñandú ") == "inigo_o_brien_nandu"


@pytest.mark.parametrize("nombre, esperado", [
    ("Дмитрий Иванов", "dmitriy_ivanov"),
    ("Γιώργος Παπαδόπουλος", "giorgos_papadopoylos"),
    ("王小明", "wangxiaoming"),
    ("김민준", "gimminjun"),
])
def test_identificador_translitera_cualquier_escritura(nombre, esperado):
    assert identificador(nombre) == esperado


@pytest.mark.parametrize("formato", ["moodle", "canvas", "classroom"])
def test_los_tres_formatos(curso, formato):
    entregas = {"José Núñez": (f"{A}.ipynb", CUADERNO), "Ana Gómez": (f"{A}.ipynb", CUADERNO)}
    ruta = curso.parent / "lms.zip"
    ruta.write_bytes(empaquetar(entregas, formato))
    informe = importar(ruta, curso, A, gradebook=False)
    assert len(informe["colocadas"]) == 2 and not informe["no_colocadas"]
    assert all(v == [f"{A}.ipynb"] for v in _colocados(curso).values())


def test_reenvio_gana_la_ultima_version(curso):
    informe = _importar(curso, {
        f"penamaria_1234_5678_{A}.ipynb": b'{"version": 0}',
        f"penamaria_1234_5679_{A}-1.ipynb": b'{"version": 1}',
        f"penamaria_1234_5680_{A}-2.ipynb": b'{"version": 2}',
        f"Ana Gómez - {A}.ipynb": b'{"version": 0}',
        f"Ana Gómez - {A} (1).ipynb": b'{"version": 1}',
    })
    assert (curso / "submitted" / "penamaria_1234" / A / f"{A}.ipynb").read_bytes() == b'{"version": 2}'
    assert (curso / "submitted" / "ana_gomez" / A / f"{A}.ipynb").read_bytes() == b'{"version": 1}'
    descartadas = {c["estudiante"]: len(c["versiones_descartadas"]) for c in informe["colocadas"]}
    assert descartadas == {"penamaria_1234": 2, "ana_gomez": 1}
    # Cada versión que no se califica también está en el informe, con su razón.
    razones = {f["archivo"]: f["razon"] for f in informe["no_colocadas"]}
    assert set(razones) == {f"penamaria_1234_5678_{A}.ipynb", f"penamaria_1234_5679_{A}-1.ipynb", f"Ana Gómez - {A}.ipynb"}
    assert all("versión anterior" in r for r in razones.values())


def test_zip_anidado_y_carpeta_por_estudiante(curso):
    interno = _zip({f"{A}.ipynb": CUADERNO})
    informe = _importar(curso, {
        "Luis Pérez_77_assignsubmission_file_/entrega.zip": interno,
        f"Sara Ortiz_78_assignsubmission_file_/{A}.ipynb": CUADERNO,
    })
    assert _colocados(curso) == {"luis_perez_77": [f"{A}.ipynb"], "sara_ortiz_78": [f"{A}.ipynb"]}
    assert not informe["no_colocadas"]


def test_ids_numericos(curso):
    _importar(curso, {f"20231234/{A}.ipynb": CUADERNO, f"00042/{A}.ipynb": CUADERNO})
    assert _colocados(curso) == {"00042": [f"{A}.ipynb"], "20231234": [f"{A}.ipynb"]}


def test_nombre_equivocado_se_coloca_y_lo_demas_se_lista(curso):
    informe = _importar(curso, {
        "Eva Ríos_90_assignsubmission_file_/Copia de tarea.ipynb": CUADERNO,
        "Eva Ríos_90_assignsubmission_file_/notas.pdf": b"%PDF",
        "cualquier_cosa.ipynb": CUADERNO,
        "__MACOSX/._algo": b"",
        "Raúl Díaz_91_assignsubmission_file_/dañado.zip": b"esto no es un zip",
    })
    assert _colocados(curso) == {"eva_rios_90": ["Copia de tarea.ipynb"]}
    razones = {f["archivo"]: f["razon"] for f in informe["no_colocadas"]}
    assert "no es un cuaderno" in razones["Eva Ríos_90_assignsubmission_file_/notas.pdf"]
    assert "convención" in razones["cualquier_cosa.ipynb"]
    assert "sistema" in razones["__MACOSX/._algo"]
    assert "zip dañado" in razones["Raúl Díaz_91_assignsubmission_file_/dañado.zip"]
    assert {f["estudiante"] for f in informe["no_colocadas"]} == {"eva_rios_90", "raul_diaz_91", ""}
    guardado = json.loads((curso / "calificacion" / f"importacion_{A}.json").read_text(encoding="utf-8"))
    assert guardado["no_colocadas"] == informe["no_colocadas"]


def test_zip_ilegible_no_detiene(curso):
    ruta = curso.parent / "roto.zip"
    ruta.write_bytes(b"no soy un zip")
    informe = importar(ruta, curso, A, gradebook=False)
    assert informe["colocadas"] == [] and "no se pudo abrir" in informe["no_colocadas"][0]["razon"]


def test_complemento_de_zip_collect(tmp_path):
    """El complemento aplica las reglas de ``importar`` a la carpeta que extrajo zip_collect."""
    extraida = tmp_path / "downloaded" / A / "extracted"
    archivos = {
        f"moodle/José Núñez_12_assignsubmission_file_/{A}.ipynb": CUADERNO,
        f"moodle/José Núñez_12_assignsubmission_file_/{A} (1).ipynb": CUADERNO + b" ",
        f"moodle/Mallory X_99_assignsubmission_file_/José Núñez_12_assignsubmission_file_{A} (9).ipynb": b"{}",
        f"canvas/penamaria_1_2_{A}-1.ipynb": CUADERNO,
        f"canvas/penamaria_1_2_{A}.IPYNB": CUADERNO,
        "canvas/penamaria_1_2_notas.pdf": b"%PDF",
    }
    for relativa, datos in archivos.items():
        (extraida / relativa).parent.mkdir(parents=True, exist_ok=True)
        (extraida / relativa).write_bytes(datos)
    colector = ColectorLMS()
    recogidos = {r: colector.collect(str(extraida / r)) for r in archivos}
    assert recogidos == {
        f"moodle/José Núñez_12_assignsubmission_file_/{A}.ipynb": None,
        f"moodle/José Núñez_12_assignsubmission_file_/{A} (1).ipynb": {
            "student_id": "jose_nunez_12", "file_id": f"{A}.ipynb", "first_name": "José", "last_name": "Núñez"},
        f"moodle/Mallory X_99_assignsubmission_file_/José Núñez_12_assignsubmission_file_{A} (9).ipynb": None,
        f"canvas/penamaria_1_2_{A}-1.ipynb": {"student_id": "penamaria_1", "file_id": f"{A}.ipynb", "first_name": "",
                                              "last_name": "penamaria"},
        f"canvas/penamaria_1_2_{A}.IPYNB": None,
        "canvas/penamaria_1_2_notas.pdf": None,
    }


def test_zip_collect_de_nbgrader_con_el_complemento(tmp_path):
    """El complemento funciona dentro de ``nbgrader zip_collect`` real (Moodle y Canvas en el mismo lote)."""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    from cuadernos import RAIZ

    shutil.copy(RAIZ / "nbgrader_config.py", tmp_path / "nbgrader_config.py")
    archivo = tmp_path / "downloaded" / A / "archive"
    archivo.mkdir(parents=True)
    (archivo / "moodle.zip").write_bytes(empaquetar({"José Núñez": (f"{A}.ipynb", CUADERNO)}, "moodle"))
    (archivo / "canvas.zip").write_bytes(empaquetar({"Ana Gómez": (f"{A}.ipynb", CUADERNO)}, "canvas"))
    # Un zip anidado de Canvas: zip_collect lo extrae junto a él; sigue siendo de quien lo subió, y lo que dice
    # ser de otra persona dentro de él no se recoge.
    (archivo / "canvas2.zip").write_bytes(_zip({
        "mallory_99_555_entrega.zip": _zip({f"anagomez_2001_9_{A}-7.ipynb": b"{}", f"{A}.ipynb": CUADERNO})}))
    nbgrader = Path(sys.executable).parent / "nbgrader"
    subprocess.run([str(nbgrader), "zip_collect", A, "--collector=autograder.importar.ColectorLMS"], cwd=tmp_path,
                   check=True, capture_output=True, timeout=120)
    colocados = sorted(p.relative_to(tmp_path / "submitted").as_posix() for p in (tmp_path / "submitted").rglob("*.ipynb"))
    assert colocados == [f"anagomez_2001/{A}/{A}.ipynb", f"jose_nunez_101/{A}/{A}.ipynb", f"mallory_99/{A}/{A}.ipynb"]
    assert (tmp_path / "submitted" / "anagomez_2001" / A / f"{A}.ipynb").read_bytes() == CUADERNO
