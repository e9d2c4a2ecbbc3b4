"""importar ante una clase hostil: identidad según el LMS, nadie fusionado ni perdido, zips bomba acotados."""

from __future__ import annotations

import io
import json
import resource
import struct
import zipfile

import pytest

from autograder.exportar import filas
from autograder.importar import MIB, LimitesImportacion, importar

A = "01_problema_memoria"
NB = f"{A}.ipynb"


def _nb(marca: str) -> bytes:
    """Un cuaderno que dice de quién es su contenido (para saber qué entrega terminó dónde)."""
    return json.dumps({"cells": [], "metadata": {"marca": marca}, "nbformat": 4, "nbformat_minor": 5}).encode()


def _zip(archivos: dict[str, bytes]) -> bytes:
    memoria = io.BytesIO()
    with zipfile.ZipFile(memoria, "w", zipfile.ZIP_DEFLATED) as z:
        for nombre, datos in archivos.items():
            z.writestr(nombre, datos)
    return memoria.getvalue()


@pytest.fixture
def curso(tmp_path):
    raiz = tmp_path / "curso"
    (raiz / "source" / A).mkdir(parents=True)
    (raiz / "source" / A / NB).write_bytes(_nb("fuente"))
    return raiz


def _calificadas(curso, estudiantes: list[str]) -> None:
    """Entregas ya calificadas en el gradebook (la única fuente del CSV); aquí solo se prueba la unión con el informe."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{curso / 'gradebook.db'}") as gb:
        gb.update_or_create_assignment(A)
        gb.update_or_create_notebook(A, A)
        for estudiante in estudiantes:
            gb.update_or_create_student(estudiante)
            gb.add_submission(A, estudiante)


def _importar(curso, contenido: bytes | dict, limites=LimitesImportacion(), **extra):
    ruta = curso.parent / "descarga.zip"
    ruta.write_bytes(contenido if isinstance(contenido, bytes) else _zip(contenido))
    return importar(ruta, curso, A, limites=limites, gradebook=extra.get("gradebook", False))


def _marcas(curso) -> dict[str, dict[str, str]]:
    """``{estudiante: {archivo: marca}}`` de lo colocado en ``submitted/``."""
    salida = {}
    for carpeta in sorted((curso / "submitted").iterdir()) if (curso / "submitted").exists() else []:
        salida[carpeta.name] = {p.name: json.loads(p.read_bytes())["metadata"]["marca"] for p in sorted((carpeta / A).iterdir())}
    return salida


def _razones(informe) -> dict[str, tuple[str, str]]:
    return {f["archivo"]: (f["estudiante"], f["razon"]) for f in informe["no_colocadas"]}


# --- Identidad: solo la parte de la ruta que escribe el LMS -------------------------------------


def test_moodle_archivo_con_el_nombre_de_otro_dentro_de_la_carpeta_propia(curso):
    falso = f"Mallory X_100099_assignsubmission_file_/Víctima Real_100017_assignsubmission_file_{A} (9).ipynb"
    informe = _importar(curso, {f"Víctima Real_100017_assignsubmission_file_/{NB}": _nb("víctima"), falso: _nb("mallory")})
    assert _marcas(curso) == {"victima_real_100017": {NB: "víctima"}}
    estudiante, razon = _razones(informe)[falso]
    assert estudiante == "mallory_x_100099" and "dice ser de otra persona" in razon and "100017" in razon
    (victima,) = informe["colocadas"]
    assert victima["versiones_descartadas"] == []
    assert set(informe["estudiantes"]) == {"victima_real_100017", "mallory_x_100099"}


def test_moodle_descarga_plana_con_el_nombre_de_otro(curso):
    falso = f"Mallory X_100099_assignsubmission_file_Víctima Real_100017_assignsubmission_file_{A} (9).ipynb"
    informe = _importar(curso, {f"Víctima Real_100017_assignsubmission_file_{NB}": _nb("víctima"), falso: _nb("mallory"),
                                f"Mallory X_100099_assignsubmission_file_{NB}": _nb("mallory propio")})
    assert _marcas(curso) == {"mallory_x_100099": {NB: "mallory propio"}, "victima_real_100017": {NB: "víctima"}}
    assert "dice ser de otra persona" in _razones(informe)[falso][1]


def test_canvas_zip_anidado_no_reemplaza_a_otro(curso):
    interno = _zip({f"garciajose_12_346_{A}-3.ipynb": _nb("mallory"), NB: _nb("mallory propio")})
    informe = _importar(curso, {f"garciajose_12_345_{NB}": _nb("josé"), "mallory_99_555_entrega.zip": interno})
    assert _marcas(curso) == {"garciajose_12": {NB: "josé"}, "mallory_99": {NB: "mallory propio"}}
    estudiante, razon = _razones(informe)[f"mallory_99_555_entrega.zip/garciajose_12_346_{A}-3.ipynb"]
    assert estudiante == "mallory_99" and "dice ser de otra persona" in razon


def test_subcarpeta_con_el_nombre_de_otro_y_archivo_propio_reenviado(curso):
    informe = _importar(curso, {
        f"Ana Gómez_7_assignsubmission_file_/Luis Peña_8_assignsubmission_file_/{NB}": _nb("ana como luis"),
        f"Ana Gómez_7_assignsubmission_file_/Ana Gómez_7_assignsubmission_file_{NB}": _nb("ana"),
        f"Luis Peña_8_assignsubmission_file_/{NB}": _nb("luis"),
    })
    # Un archivo descargado de su propia entrega y vuelto a subir es suyo; el que dice ser de Luis, no se califica.
    assert _marcas(curso) == {"ana_gomez_7": {NB: "ana"}, "luis_pena_8": {NB: "luis"}}
    assert "dice ser de otra persona" in _razones(informe)[
        f"Ana Gómez_7_assignsubmission_file_/Luis Peña_8_assignsubmission_file_/{NB}"][1]


def test_canvas_mismo_login_con_ids_distintos_son_dos_estudiantes(curso):
    informe = _importar(curso, {f"garciajuan_11_1_{NB}": _nb("juan 11"), f"garciajuan_22_2_{NB}": _nb("juan 22")})
    assert _marcas(curso) == {"garciajuan_11": {NB: "juan 11"}, "garciajuan_22": {NB: "juan 22"}}
    assert {e: d["id_lms"] for e, d in informe["estudiantes"].items()} == {"garciajuan_11": "11", "garciajuan_22": "22"}


def test_classroom_nombres_que_se_transliteran_igual_son_dos_estudiantes(curso):
    archivos = {f"José Núñez - {NB}": _nb("José Núñez"), f"Jose Nunez - {NB}": _nb("Jose Nunez")}
    informe = _importar(curso, archivos)
    ids = {d["nombre"]: e for e, d in informe["estudiantes"].items()}
    assert len(set(ids.values())) == 2 and all(i.startswith("jose_nunez_") for i in ids.values())
    assert {e: m[NB] for e, m in _marcas(curso).items()} == {i: n for n, i in ids.items()}
    # Los ids son estables: no dependen del orden del zip ni de otra importación.
    _importar(curso, dict(reversed(archivos.items())))
    otra = json.loads((curso / "calificacion" / f"importacion_{A}.json").read_text(encoding="utf-8"))
    assert {d["nombre"]: e for e, d in otra["estudiantes"].items()} == ids


def test_nombres_de_cualquier_escritura(curso):
    nombres = ["Дмитрий Иванов", "Γιώργος Παπαδόπουλος", "王小明", "Иван", "Ivan", "???", "!!!"]
    informe = _importar(curso, {f"{n} - {NB}": _nb(n) for n in nombres})
    ids = {d["nombre"]: e for e, d in informe["estudiantes"].items()}
    assert set(ids) == set(nombres) and len(set(ids.values())) == len(nombres)
    assert ids["Дмитрий Иванов"] == "dmitriy_ivanov" and ids["王小明"] == "wangxiaoming"
    assert all(i.isascii() and i != "sin_nombre" for i in ids.values())
    assert ids["Иван"] != ids["Ivan"] and ids["???"] != ids["!!!"]
    assert {e: m[NB] for e, m in _marcas(curso).items()} == {i: n for n, i in ids.items()}


def test_carpeta_simple_con_guion_en_el_nombre_del_archivo(curso):
    informe = _importar(curso, {"12345/Tarea - final.ipynb": _nb("12345")})
    assert _marcas(curso) == {"12345": {"Tarea - final.ipynb": "12345"}}
    assert informe["estudiantes"]["12345"]["formato"] == "carpeta"
    # Aunque sea el único estudiante de la descarga y sus archivos parezcan de Classroom, no es una carpeta envoltura.
    informe = _importar(curso, {"12345/Tarea - final.ipynb": _nb("12345"), "12345/Otra - cosa.ipynb": _nb("otra")})
    assert set(informe["estudiantes"]) == {"12345"} and list(_marcas(curso)) == ["12345"]


def test_carpeta_de_drive_que_envuelve_la_descarga(curso):
    _importar(curso, {f"Tarea 1/Ana Gómez - {NB}": _nb("ana"), f"Tarea 1/Luis Peña - {NB}": _nb("luis"),
                      "Tarea 1/": b""})
    assert _marcas(curso) == {"ana_gomez": {NB: "ana"}, "luis_pena": {NB: "luis"}}


def test_extension_en_mayusculas(curso):
    informe = _importar(curso, {f"Ana_1_assignsubmission_file_/{A}.IPYNB": _nb("ana"),
                                "Luis_2_assignsubmission_file_/Mi Tarea.IpYnB": _nb("luis")})
    assert _marcas(curso) == {"ana_1": {NB: "ana"}, "luis_2": {"Mi Tarea.ipynb": "luis"}}
    assert not informe["no_colocadas"]


def test_rutas_inseguras_y_enlaces(curso, tmp_path):
    informe = _importar(curso, {"../fuera.ipynb": _nb("x"), "/absoluto.ipynb": _nb("x"),
                                f"Ana_1_assignsubmission_file_/../../{NB}": _nb("x")})
    assert not (curso / "submitted").exists() and not (tmp_path / "fuera.ipynb").exists()
    assert len(informe["no_colocadas"]) == 3 and all("insegura" in f["razon"] for f in informe["no_colocadas"])
    # Una carpeta de descarga con un enlace simbólico: no se sigue.
    carpeta = tmp_path / "descarga"
    (carpeta / "Ana_1_assignsubmission_file_").mkdir(parents=True)
    (carpeta / "Ana_1_assignsubmission_file_" / NB).symlink_to(curso / "source" / A / NB)
    informe = importar(carpeta, curso, A, gradebook=False)
    assert informe["colocadas"] == [] and "enlace" in informe["no_colocadas"][0]["razon"]


# --- Límites: un zip bomba es un estado, no gigabytes de disco ----------------------------------


def _zip_con_ceros(nombre: str, tamano: int, otros: dict[str, bytes] | None = None) -> bytes:
    memoria = io.BytesIO()
    with zipfile.ZipFile(memoria, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        with z.open(nombre, "w", force_zip64=True) as f:
            bloque = b"\0" * MIB
            for _ in range(tamano // MIB):
                f.write(bloque)
        for n, datos in (otros or {}).items():
            z.writestr(n, datos)
    return memoria.getvalue()


def _tamanos(carpeta) -> list[int]:
    return [p.stat().st_size for p in carpeta.rglob("*") if p.is_file()]


def test_zip_bomba_de_1_gib(curso):
    bomba = _zip_con_ceros(f"Bomba_1_assignsubmission_file_/{NB}", 1024 * MIB, {f"Ana_2_assignsubmission_file_/{NB}": _nb("ana")})
    antes = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    informe = _importar(curso, bomba)
    crecio_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - antes) / 1024
    assert _marcas(curso) == {"ana_2": {NB: "ana"}}
    estudiante, razon = _razones(informe)[f"Bomba_1_assignsubmission_file_/{NB}"]
    assert estudiante == "bomba_1" and "demasiado grande" in razon and "1024 MiB" in razon
    assert max(_tamanos(curso)) < MIB and crecio_mib < 200


def test_zip_bomba_anidado_y_encabezado_mentiroso(curso):
    # El encabezado dice 100 bytes; al descomprimir son 50 MiB.
    mentiroso = bytearray(_zip_con_ceros(NB, 50 * MIB))
    for firma, desplazamiento in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        i = mentiroso.find(firma)
        inicio = i + desplazamiento
        if struct.unpack_from("<I", mentiroso, inicio)[0] == 0xFFFFFFFF:  # zip64: el tamaño real está en el extra
            extra = mentiroso.find(b"\x01\x00", i + 30)
            struct.pack_into("<Q", mentiroso, extra + 4, 100)
        else:
            struct.pack_into("<I", mentiroso, inicio, 100)
    with zipfile.ZipFile(io.BytesIO(bytes(mentiroso))) as z:
        assert z.infolist()[0].file_size == 100
    informe = _importar(curso, {
        "Bomba_1_assignsubmission_file_/entrega.zip": _zip_con_ceros(NB, 64 * MIB),
        "Miente_2_assignsubmission_file_/entrega.zip": bytes(mentiroso),
        f"Ana_3_assignsubmission_file_/{NB}": _nb("ana"),
    }, LimitesImportacion(cuaderno=MIB))
    assert _marcas(curso) == {"ana_3": {NB: "ana"}}
    razones = _razones(informe)
    assert "demasiado grande" in razones[f"Bomba_1_assignsubmission_file_/entrega.zip/{NB}"][1]
    estudiante, razon = razones[f"Miente_2_assignsubmission_file_/entrega.zip/{NB}"]
    assert estudiante == "miente_2" and ("dañado" in razon or "demasiado grande" in razon)
    assert max(_tamanos(curso)) < MIB


def test_lectura_acotada_aunque_el_encabezado_mienta(tmp_path):
    """El conteo al leer detiene la copia aunque el encabezado haya dicho poco (la fuente aquí no tiene encabezado)."""
    from autograder.importar import _Excedido, _Presupuesto

    presupuesto = _Presupuesto(10 * MIB)
    with pytest.raises(_Excedido):
        presupuesto.copiar(io.BytesIO(b"\0" * (3 * MIB)), tmp_path / "x", 2 * MIB)
    assert not (tmp_path / "x").exists() and presupuesto.restante == 10 * MIB
    presupuesto.copiar(io.BytesIO(b"\0" * MIB), tmp_path / "y", 2 * MIB)
    assert presupuesto.restante == 9 * MIB


def test_profundidad_y_total(curso):
    nivel2 = _zip({"otra.zip": _zip({NB: _nb("profundo")})})
    informe = _importar(curso, {
        "Ana_1_assignsubmission_file_/a.zip": nivel2,
        "Luis_2_assignsubmission_file_/a.zip": _zip({NB: _nb("luis")}),
        f"Eva_3_assignsubmission_file_/{NB}": _nb("eva") + b" " * (600 * 1024),
        f"Raúl_4_assignsubmission_file_/{NB}": _nb("raúl") + b" " * (600 * 1024),
    }, LimitesImportacion(profundidad=1, total=MIB + 2048))
    razones = _razones(informe)
    assert "profundos" in razones["Ana_1_assignsubmission_file_/a.zip/otra.zip"][1]
    colocados = _marcas(curso)
    assert colocados["luis_2"] == {NB: "luis"} and "ana_1" not in colocados
    # Solo cabe uno de los dos cuadernos de 600 KiB; el otro queda en el informe.
    assert len({"eva_3", "raul_4"} & set(colocados)) == 1
    (sin_lugar,) = [r for a, (e, r) in razones.items() if e in {"eva_3", "raul_4"}]
    assert "límite total" in sin_lugar


def test_demasiadas_entradas(curso):
    muchas = _zip({f"{i}.txt": b"" for i in range(10)})
    informe = _importar(curso, {"Ana_1_assignsubmission_file_/muchas.zip": muchas, f"Luis_2_assignsubmission_file_/{NB}": _nb("l")},
                        LimitesImportacion(entradas=5))
    assert _marcas(curso) == {"luis_2": {NB: "l"}}
    assert "10 entradas" in _razones(informe)["Ana_1_assignsubmission_file_/muchas.zip"][1]
    informe = _importar(curso, {f"Ana_{i}_assignsubmission_file_/{NB}": _nb("a") for i in range(10)}, LimitesImportacion(entradas=5))
    assert informe["colocadas"] == [] and "10 entradas" in informe["no_colocadas"][0]["razon"]


# --- Nada se pierde: informe, CSV y gradebook ---------------------------------------------------


def test_cada_estudiante_tiene_una_fila_en_el_csv(curso):
    informe = _importar(curso, {
        f"Víctima Real_100017_assignsubmission_file_/{NB}": _nb("víctima"),
        f"Mallory X_100099_assignsubmission_file_/Víctima Real_100017_assignsubmission_file_{A} (9).ipynb": _nb("m"),
        "Eva Ríos_90_assignsubmission_file_/notas.pdf": b"%PDF",
        "Eva Ríos_90_assignsubmission_file_/foto.png": b"png",
        "cualquier_cosa.ipynb": _nb("?"),
    })
    assert set(informe["estudiantes"]) == {"victima_real_100017", "mallory_x_100099", "eva_rios_90"}
    _calificadas(curso, ["victima_real_100017"])
    _, lista = filas(curso, A)
    por_estudiante = {f["estudiante"]: f for f in lista}
    assert len(lista) == len(por_estudiante) == 4
    assert por_estudiante["victima_real_100017"]["estado"] == "calificada"
    assert por_estudiante["mallory_x_100099"]["estado"] == "no importada"
    assert "dice ser de otra persona" in por_estudiante["mallory_x_100099"]["observaciones"]
    eva = por_estudiante["eva_rios_90"]
    assert eva["estado"] == "no importada" and "notas.pdf" in eva["observaciones"] and "foto.png" in eva["observaciones"]
    assert "convención" in por_estudiante["cualquier_cosa.ipynb"]["observaciones"]


def test_entrega_tarde_llega_al_csv(curso):
    informe = _importar(curso, {f"penamaria_LATE_1234_5678_{NB}": _nb("tarde"), f"anagomez_77_88_{NB}": _nb("a tiempo"),
                                "luispena_LATE_55_66_notas.txt": b"hola"})
    assert informe["estudiantes"]["penamaria_1234"]["tarde"] and not informe["estudiantes"]["anagomez_77"]["tarde"]
    _calificadas(curso, ["penamaria_1234", "anagomez_77"])
    por_estudiante = {f["estudiante"]: f for f in filas(curso, A)[1]}
    assert "entregada tarde" in por_estudiante["penamaria_1234"]["observaciones"]
    assert "entregada tarde" not in por_estudiante["anagomez_77"]["observaciones"]
    assert "entregada tarde" in por_estudiante["luispena_55"]["observaciones"]
    assert por_estudiante["luispena_55"]["estado"] == "no importada"


def test_nombres_en_el_gradebook(curso):
    from nbgrader.api import Gradebook

    _importar(curso, {f"María de la Luz Peña_88_assignsubmission_file_/{NB}": _nb("m"), f"garciajuan_11_1_{NB}": _nb("g"),
                      "Eva_9_assignsubmission_file_/notas.pdf": b"%PDF"}, gradebook=True)
    with Gradebook(f"sqlite:///{curso / 'gradebook.db'}") as gb:
        nombres = {s.id: (s.first_name, s.last_name) for s in gb.students}
    assert nombres == {"maria_de_la_luz_pena_88": ("María", "de la Luz Peña"), "garciajuan_11": ("", "garciajuan"),
                       "eva_9": ("", "Eva")}


def test_descarga_mixta_hostil_coloca_a_cada_estudiante_una_vez(curso):
    """Moodle (carpetas y plano), Canvas, Classroom y carpetas simples a la vez, con ataques, choques y basura."""
    archivos = {
        f"Víctima Real_100017_assignsubmission_file_/{NB}": _nb("moodle 100017"),
        f"Mallory X_100099_assignsubmission_file_/Víctima Real_100017_assignsubmission_file_{A} (9).ipynb": _nb("robo"),
        f"Mallory X_100099_assignsubmission_file_/{NB}": _nb("moodle 100099"),
        f"José Núñez_100020_assignsubmission_file_{NB}": _nb("moodle 100020"),
        f"José Núñez_100021_assignsubmission_file_/{A} (1).ipynb": _nb("moodle 100021"),
        f"José Núñez_100021_assignsubmission_file_/{NB}": _nb("moodle 100021 viejo"),
        f"garciajuan_11_1_{NB}": _nb("canvas 11"),
        f"garciajuan_LATE_22_2_{NB}": _nb("canvas 22"),
        "mallory_99_555_entrega.zip": _zip({f"garciajuan_11_9_{A}-5.ipynb": _nb("robo"), NB: _nb("canvas 99")}),
        f"José Núñez - {NB}": _nb("classroom José Núñez"),
        f"Jose Nunez - {NB}": _nb("classroom Jose Nunez"),
        f"Дмитрий Иванов - {NB}": _nb("classroom Дмитрий Иванов"),
        "12345/Tarea - final.ipynb": _nb("carpeta 12345"),
        f"12345/Víctima Real_100017_assignsubmission_file_{NB}": _nb("robo"),
        f"jose_nunez/{NB}": _nb("carpeta jose_nunez"),
        "__MACOSX/._algo": b"",
        "léeme.txt": b"hola",
    }
    informe = _importar(curso, archivos)
    marcas = _marcas(curso)
    # Cada clave del LMS, una sola carpeta con su propio cuaderno; nadie recibe lo de otro.
    por_marca = {m: e for e, cuadernos in marcas.items() for m in cuadernos.values()}
    esperadas = {"moodle 100017", "moodle 100099", "moodle 100020", "moodle 100021", "canvas 11", "canvas 22", "canvas 99",
                 "classroom José Núñez", "classroom Jose Nunez", "classroom Дмитрий Иванов", "carpeta 12345",
                 "carpeta jose_nunez"}
    assert set(por_marca) == esperadas and len(marcas) == len(esperadas)
    assert all(len(c) == 1 for c in marcas.values())
    assert por_marca["moodle 100017"] == "victima_real_100017" and por_marca["canvas 11"] == "garciajuan_11"
    assert por_marca["carpeta 12345"] == "12345" and por_marca["classroom Дмитрий Иванов"] == "dmitriy_ivanov"
    # La carpeta simple «jose_nunez» es un id exacto: lo conserva; los dos nombres de Classroom llevan sufijo.
    assert por_marca["carpeta jose_nunez"] == "jose_nunez"
    assert len({por_marca["classroom José Núñez"], por_marca["classroom Jose Nunez"], "jose_nunez"}) == 3
    claves = {(d["formato"], d["id_lms"]): e for e, d in informe["estudiantes"].items()}
    assert len(claves) == len(informe["estudiantes"]) == len(esperadas)
    assert {claves[("Moodle", i)] for i in ("100020", "100021")} == {"jose_nunez_100020", "jose_nunez_100021"}
    # Nada se pierde: cada archivo está colocado o en el informe con su razón.
    vistos = {c["archivo"] for c in informe["colocadas"]} | {f["archivo"] for f in informe["no_colocadas"]}
    esperados = (set(archivos) - {"mallory_99_555_entrega.zip"}) | {
        f"mallory_99_555_entrega.zip/garciajuan_11_9_{A}-5.ipynb", f"mallory_99_555_entrega.zip/{NB}"}
    assert vistos == esperados
    robos = [f for f in informe["no_colocadas"] if "dice ser de otra persona" in f["razon"]]
    assert {f["estudiante"] for f in robos} == {"mallory_x_100099", "mallory_99", "12345"}
    assert all(f["razon"] for f in informe["no_colocadas"])


def test_classroom_zip_anidado_y_nombres_propios_con_guion(curso):
    interno = _zip({f"Luis Peña - {NB}": _nb("ana como luis"), "Parte 1 - borrador.ipynb": _nb("ana")})
    informe = _importar(curso, {"Ana Gómez - entrega.zip": interno, f"Luis Peña - {NB}": _nb("luis")})
    # «Luis Peña - …» nombra a alguien de la descarga: no se califica; «Parte 1 - …» no es nadie: es de Ana.
    assert _marcas(curso) == {"ana_gomez": {"Parte 1 - borrador.ipynb": "ana"}, "luis_pena": {NB: "luis"}}
    estudiante, razon = _razones(informe)[f"Ana Gómez - entrega.zip/Luis Peña - {NB}"]
    assert estudiante == "ana_gomez" and "dice ser de otra persona" in razon


def test_carpeta_descomprimida_igual_que_el_zip(curso, tmp_path):
    archivos = {f"Víctima Real_100017_assignsubmission_file_/{NB}": _nb("víctima"),
                f"Mallory X_100099_assignsubmission_file_/Víctima Real_100017_assignsubmission_file_{A} (9).ipynb": _nb("m"),
                "Eva_5_assignsubmission_file_/entrega.zip": _zip({NB: _nb("eva")})}
    desde_zip = _importar(curso, archivos)
    marcas_zip = _marcas(curso)
    carpeta = tmp_path / "descarga"
    for relativa, datos in archivos.items():
        (carpeta / relativa).parent.mkdir(parents=True, exist_ok=True)
        (carpeta / relativa).write_bytes(datos)
    desde_carpeta = importar(carpeta, curso, A, gradebook=False)
    assert _marcas(curso) == marcas_zip == {"eva_5": {NB: "eva"}, "victima_real_100017": {NB: "víctima"}}
    assert desde_carpeta["no_colocadas"] == desde_zip["no_colocadas"]
    assert desde_carpeta["estudiantes"] == desde_zip["estudiantes"]
