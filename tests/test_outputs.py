"""Atomic outputs: a whole file or none, with the mode any file the user makes has."""

import os

import pytest

from geomap.errors import OutputError
from geomap.outputs import atomic, write_atomic


def test_a_written_file_is_whole_ordinary_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "new" / "folder" / "map.geojson"  # folders made as needed
    write_atomic(target, "{}")
    write_atomic(target, '{"type": "FeatureCollection"}')  # replaced whole
    assert target.read_text() == '{"type": "FeatureCollection"}'
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask  # not the private mode of a temporary file
    assert sorted(p.name for p in target.parent.iterdir()) == ["map.geojson"]


def test_a_failed_write_leaves_nothing(tmp_path):
    target = tmp_path / "data.gpkg"
    with pytest.raises(RuntimeError), atomic(target) as tmp:
        assert tmp.suffix == ".gpkg" and tmp.parent == tmp_path  # beside it, with its suffix
        tmp.write_text("half")
        raise RuntimeError
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_place_is_one_output_error(tmp_path):
    (tmp_path / "file").write_text("")
    with pytest.raises(OutputError, match="cannot write there"):
        write_atomic(tmp_path / "file" / "map.html", "x")  # a file where a folder should be
