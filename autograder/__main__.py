"""Punto de entrada: ``python -m autograder <orden>`` (publicar, distribuir, importar, calificar, retroalimentar, exportar, demo, mi-trabajo)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .curso import RAIZ_REPO, CursoDeCalificacion, asignaciones, generar_release, sincronizar_texto


def _preparar(raiz: Path, asignacion: str) -> Path:
    """Deja ``raiz`` lista como curso de nbgrader para ``asignacion`` (copia fuentes y configuración del repositorio)."""
    raiz = Path(raiz).resolve()
    if not (raiz / "source" / asignacion).is_dir() or not (raiz / "release" / asignacion).is_dir():
        CursoDeCalificacion(raiz).preparar([asignacion])
    return raiz


def _asignacion(valor: str | None, raiz: Path | None = None) -> str:
    disponibles = asignaciones(raiz) if raiz is not None and (Path(raiz) / "source").is_dir() else asignaciones()
    if valor:
        if valor not in disponibles and valor not in asignaciones():
            sys.exit(f"No existe la asignación «{valor}». Disponibles: {', '.join(disponibles)}")
        return valor
    if len(disponibles) == 1:
        return disponibles[0]
    sys.exit(f"Indica la asignación con --asignacion. Disponibles: {', '.join(disponibles)}")


def _limites(args):
    from .calificar import Limites

    return Limites(celda=args.limite_celda, cuaderno=args.limite_cuaderno, memoria_mib=args.memoria, salida=args.salida,
                   procesos=args.procesos, disco_mib=args.disco)


def _mostrar_progreso(r) -> None:
    print(f"  {r.estudiante:<28} {r.total:>5g}/{r.maximo:<5g} {r.estado}", flush=True)


def main(argv: list[str] | None = None) -> int:
    analizador = argparse.ArgumentParser(prog="python -m autograder", description="Herramientas de calificación del curso.")
    ordenes = analizador.add_subparsers(dest="orden", required=True)
    publicar = ordenes.add_parser("publicar", help="sincroniza cada lección con su gemelo de texto y regenera release/ con nbgrader")
    publicar.add_argument("asignaciones", nargs="*", help="por omisión, todas")
    distribuir = ordenes.add_parser("distribuir", help="arma dist/ con lo que se entrega a la clase (cuadernos y paquete course)")
    distribuir.add_argument("--destino", type=Path, default=RAIZ_REPO / "dist", help="carpeta de salida (por omisión dist/)")

    def con_curso(p):
        p.add_argument("--curso", type=Path, default=Path("curso-calificacion"),
                       help="carpeta del curso de nbgrader (por omisión ./curso-calificacion)")
        p.add_argument("--asignacion", help="por omisión, la única que haya")
        return p

    importar = con_curso(ordenes.add_parser("importar", help="coloca en submitted/ las entregas de un zip o carpeta del LMS"))
    importar.add_argument("origen", type=Path, help="zip descargado de Moodle, Canvas o Classroom, o una carpeta")
    calificar = con_curso(ordenes.add_parser("calificar", help="autocalifica todas las entregas en paralelo y aisladas"))
    demo = con_curso(ordenes.add_parser("demo", help="todo el proceso sobre una clase de ejemplo"))
    demo.set_defaults(curso=None)
    demo.add_argument("--formato", choices=["moodle", "canvas", "classroom"], default="moodle")
    for p in (calificar, demo):
        p.add_argument("--trabajadores", type=int, default=None, help="procesos en paralelo (por omisión, los núcleos)")
        p.add_argument("--limite-celda", type=int, default=60, help="segundos por celda (60)")
        p.add_argument("--limite-cuaderno", type=int, default=300, help="segundos por cuaderno (300)")
        p.add_argument("--memoria", type=int, default=2048, help="MiB de memoria por entrega (2048)")
        p.add_argument("--salida", type=int, default=200_000, help="caracteres de salida por cuaderno (200000)")
        p.add_argument("--procesos", type=int, default=64, help="procesos e hilos por núcleo (64)")
        p.add_argument("--disco", type=int, default=256, help="MiB de la carpeta de trabajo de cada núcleo (256)")
        p.add_argument("--sin-aislamiento", action="store_true",
                       help="calificar aunque la máquina no permita aislar a los estudiantes (inseguro)")
    demo.set_defaults(limite_celda=20, limite_cuaderno=120, memoria=1024)
    con_curso(ordenes.add_parser("retroalimentar", help="escribe la retroalimentación HTML de cada estudiante"))
    con_curso(ordenes.add_parser("exportar", help="CSV de calificaciones y resumen (tabla y PNG)"))
    mio = ordenes.add_parser("mi-trabajo", help="califica tu copia de trabajo con las pruebas ocultas y escribe tu avance")
    mio.add_argument("asignaciones", nargs="*", help="por omisión, todas")
    mio.add_argument("--trabajo", type=Path, default=RAIZ_REPO / "trabajo", help="tu copia de trabajo (./trabajo)")
    mio.add_argument("--salida", type=Path, default=None, help="por omisión, trabajo/mi_calificacion")
    args = analizador.parse_args(argv)

    if args.orden == "mi-trabajo":
        from .mi_trabajo import main as mi_trabajo

        return mi_trabajo(args.trabajo, args.salida, args.asignaciones or None)

    if args.orden == "publicar":
        cuales = args.asignaciones or asignaciones()
        sincronizar_texto(cuales=cuales)
        for ruta in generar_release(RAIZ_REPO / "release", cuales=cuales):
            print(f"escrito {ruta.relative_to(RAIZ_REPO)}")
        return 0
    if args.orden == "distribuir":
        from .distribuir import distribuir as correr_distribuir

        print(f"escrito {correr_distribuir(args.destino)}")
        return 0
    if args.orden == "demo":
        from .demo import demo as correr_demo

        from .calificar import SinAislamiento

        try:
            return correr_demo(curso=args.curso, asignacion=args.asignacion, formato=args.formato, limites=_limites(args),
                               trabajadores=args.trabajadores, sin_aislamiento=args.sin_aislamiento)
        except SinAislamiento as error:
            print(error, file=sys.stderr)
            return 2

    asignacion = _asignacion(args.asignacion, args.curso)
    raiz = _preparar(args.curso, asignacion)
    if args.orden == "importar":
        from .importar import importar as correr

        informe = correr(args.origen, raiz, asignacion)
        print(f"Colocadas: {len(informe['colocadas'])} entregas en {raiz / 'submitted'}")
        for falta in informe["no_colocadas"]:
            print(f"  sin colocar: {falta['archivo']} — {falta['razon']}")
    elif args.orden == "calificar":
        from .calificar import SinAislamiento, aislamiento_de, calificar as correr

        try:
            aislado, aislamiento = aislamiento_de(_limites(args), args.sin_aislamiento)
        except SinAislamiento as error:
            print(error, file=sys.stderr)
            return 2
        if not aislado:
            print("¡ATENCIÓN! Se califica SIN AISLAMIENTO: el código de cada estudiante ve el disco, la red y a los demás.",
                  file=sys.stderr)
        print(f"Calificando {asignacion}…\nAislamiento: {aislamiento}")
        lista = correr(raiz, asignacion, trabajadores=args.trabajadores, limites=_limites(args), progreso=_mostrar_progreso,
                       sin_aislamiento=args.sin_aislamiento)
        print(f"{len(lista)} entregas calificadas; resultados en {raiz / 'calificacion' / (asignacion + '.json')}")
    elif args.orden == "retroalimentar":
        from .retroalimentar import retroalimentar as correr

        rutas = correr(raiz, asignacion)
        print(f"{len(rutas)} páginas de retroalimentación en {raiz / 'feedback'}")
    elif args.orden == "exportar":
        from .exportar import exportar as correr, tabla_texto

        rutas = correr(raiz, asignacion)
        print(tabla_texto(raiz, asignacion))
        for clave, ruta in rutas.items():
            print(f"{clave}: {ruta}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
