"""Store versions of a work made outside ingest (consolidation by ``gongbao.amend``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.engine import Engine

from gongbao.store.db import write_transaction
from gongbao.store.keys import ref_key
from gongbao.store.schema import versions

__all__ = ["add_version"]


def add_version(
    engine: Engine,
    work: str,
    text: str,
    *,
    made_by: str | None,
    valid_from: date | None,
    valid_to: date | None = None,
    body: dict[str, Any] | None = None,
    origin: str = "consolidated",
) -> int:
    """Store one version of ``work`` (文号 or title) in its own transaction; return its id.

    ``gongbao.query.docs.version_as_of`` then returns it for dates from ``valid_from`` on (the
    latest version started by a date wins). ``body`` is the version's tree as JSON, if any.
    """
    with write_transaction(engine) as conn:
        return int(
            conn.execute(
                versions.insert()
                .values(
                    work=work,
                    work_key=ref_key(work),
                    made_by=made_by,
                    valid_from=valid_from,
                    valid_to=valid_to,
                    document_id=None,
                    origin=origin,
                    text=text,
                    body=body,
                )
                .returning(versions.c.id)
            ).scalar_one()
        )
