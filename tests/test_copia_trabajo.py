"""La copia de trabajo del estudiante se crea una vez, nunca se sobrescribe y recibe lecciones nuevas."""

from __future__ import annotations

from herramientas.copia_trabajo import completar


def test_crea_completa_y_no_sobrescribe(tmp_path):
    origen, destino = tmp_path / "release", tmp_path / "trabajo"
    (origen / "01_a").mkdir(parents=True)
    (origen / "01_a" / "01_a.ipynb").write_text("publicado")
    assert [p.name for p in completar(origen, destino)] == ["01_a.ipynb"]

    (destino / "01_a" / "01_a.ipynb").write_text("mi trabajo")
    (origen / "02_b").mkdir()
    (origen / "02_b" / "02_b.ipynb").write_text("lección nueva")
    (origen / "01_a" / "01_a.ipynb").write_text("publicado otra vez")

    assert [p.name for p in completar(origen, destino)] == ["02_b.ipynb"]
    assert (destino / "01_a" / "01_a.ipynb").read_text() == "mi trabajo"
    assert (destino / "02_b" / "02_b.ipynb").read_text() == "lección nueva"
    assert completar(origen, destino) == []
