"""What can go wrong, as one hierarchy with a user-facing one-line message and an exit code.

>>> str(InputError("article.txt: no such file"))
'article.txt: no such file'
>>> InputError.exit_code
2
"""

from __future__ import annotations


class GeomapError(Exception):
    """Base of every error geomap reports to a user; the message is one line."""

    exit_code = 1


class InputError(GeomapError):
    """The input cannot be read as an article (missing, a directory, binary, empty)."""

    exit_code = 2


class GazetteerError(GeomapError):
    """The gazetteer data is missing or damaged."""

    exit_code = 3


class OutputError(GeomapError):
    """An output file cannot be written (unwritable folder, full disk)."""

    exit_code = 4
