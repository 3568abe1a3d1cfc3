"""GeoParquet written part by part: a corpus's rows go to disk as they are read, never all held at once.

geopandas writes GeoParquet from one whole GeoDataFrame; a month of reporting makes millions of rows. This
writer takes them in parts (each a Parquet row group) and, when closed, records the GeoParquet 1.0 metadata
that ``geopandas.read_parquet``, QGIS and DuckDB read: the WKB geometry column, its types, bounds and CRS.

>>> import tempfile, pathlib, geopandas, pyarrow, shapely
>>> path = pathlib.Path(tempfile.mkdtemp()) / "places.parquet"
>>> schema = pyarrow.schema([("name", pyarrow.string())])
>>> with GeoParquetWriter(path, schema) as writer:
...     writer.write(pyarrow.table({"name": ["Bakhmut"]}), [shapely.Point(38.0, 48.6)])
...     writer.write(pyarrow.table({"name": ["Kyiv"]}), [shapely.Point(30.5, 50.5)])
>>> frame = geopandas.read_parquet(path)
>>> list(frame["name"]), frame.crs.to_epsg(), frame.total_bounds.round(1).tolist()
(['Bakhmut', 'Kyiv'], 4326, [30.5, 48.6, 38.0, 50.5])
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pyarrow
import pyarrow.parquet
import shapely

GEOMETRY = "geometry"
# GeoParquet's names for geometry types (GeoJSON's), by shapely's type id
TYPE_NAMES = ("Point", "LineString", "LinearRing", "Polygon", "MultiPoint", "MultiLineString", "MultiPolygon",
              "GeometryCollection")  # fmt: skip


class GeoParquetWriter:
    """A GeoParquet file of ``schema``'s columns plus a WKB geometry column in EPSG:4326, written part by part."""

    def __init__(self, path: Path, schema: pyarrow.Schema) -> None:
        self._schema = schema.append(pyarrow.field(GEOMETRY, pyarrow.binary()))
        # store_schema=False: readers then take the schema, "geo" included, from the footer written at close
        self._writer = pyarrow.parquet.ParquetWriter(str(path), self._schema, store_schema=False)
        self._types: set[int] = set()  # shapely's type ids
        self._bounds = np.array([np.inf, np.inf, -np.inf, -np.inf])

    def write(self, table: pyarrow.Table, geometries: Sequence) -> None:
        """Add the rows of ``table`` (``schema``'s columns), with their shapely geometries (None for none)."""
        geometries = np.asarray(geometries, dtype=object)
        present = geometries[~shapely.is_missing(geometries)]
        if len(present):
            self._types.update(shapely.get_type_id(present).tolist())
            part = shapely.total_bounds(present)
            self._bounds = np.concatenate([np.fmin(self._bounds[:2], part[:2]), np.fmax(self._bounds[2:], part[2:])])
        wkb = pyarrow.array(shapely.to_wkb(geometries), pyarrow.binary())
        self._writer.write_table(table.append_column(GEOMETRY, wkb).cast(self._schema))

    def close(self) -> None:
        """Record the GeoParquet metadata and finish the file."""
        from pyproj import CRS

        column = {
            "encoding": "WKB",
            "geometry_types": sorted(TYPE_NAMES[t] for t in self._types),
            "crs": CRS.from_epsg(4326).to_json_dict(),
        }
        if np.isfinite(self._bounds).all():
            column["bbox"] = self._bounds.tolist()
        geo = {"version": "1.0.0", "primary_column": GEOMETRY, "columns": {GEOMETRY: column}}
        self._writer.add_key_value_metadata({"geo": json.dumps(geo)})
        self._writer.close()

    def __enter__(self) -> GeoParquetWriter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
