"""URLs of the pages, built in one place (the API returns them too)."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote, urlencode

__all__ = ["doc_url", "export_url", "page_url"]


def doc_url(ref: str, node: str | None = None, *, as_of: date | str | None = None, anchor: bool = False) -> str:
    """``/doc/{work}`` or the permalink ``/doc/{work}/{eid-or-citation}`` (``?as_of=`` when given).

    With ``anchor`` the node is also given as ``#eid`` (for links inside a page of the same work).
    """
    url = "/doc/" + quote(ref, safe="")
    if node:
        url += "/" + quote(node, safe="")
    if as_of:
        url += "?" + urlencode({"as_of": as_of.isoformat() if isinstance(as_of, date) else as_of})
    if anchor and node:
        url += "#" + quote(node, safe="")
    return url


def export_url(ref: str, fmt: str, version: int | None = None) -> str:
    q = {"format": fmt}
    if version is not None:
        q["version"] = str(version)
    return "/export/" + quote(ref, safe="") + "?" + urlencode(q)


def page_url(path: str, **params: object) -> str:
    """``path`` with the non-empty ``params`` as a query string."""
    q = {k: str(v) for k, v in params.items() if v not in (None, "", False)}
    return path + ("?" + urlencode(q) if q else "")
