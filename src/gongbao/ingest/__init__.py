"""ingest: read a source file (text or PDF) into one decoded source string.

Entry point: ``read_source(path) -> Source``. Guarantees: the returned text uses
universal newlines (``\\r\\n`` and ``\\r`` become ``\\n``, as Python's ``open()`` reads
text), so every offset gongbao reports is an index into exactly what a reader gets
from ``open(path, encoding=...).read()`` — a UTF-8 BOM included: it stays the first
character (``open(path).read()`` keeps U+FEFF), and the parse gives it to the residue (``bom``).
Bad input raises ``InputError`` naming the
file and the problem; nothing is guessed.
"""

from gongbao.ingest.reader import MAX_BYTES, Source, read_source, split_lines

__all__ = ["MAX_BYTES", "Source", "read_source", "split_lines"]
