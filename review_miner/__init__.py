"""review_miner: turn child-safeguarding case reviews into evidence, offline.

The Python API is the same set of functions the `review-miner` command calls::

    from review_miner import Store, ingest

    with Store("review_miner.db") as store:
        summary = ingest(["corpora/sample"], store)
        for document in store.documents():
            print(document.file, document.metadata.kind, document.metadata.quarter)
"""

__version__ = "0.1.0"

from .errors import MetadataError, ReviewMinerError, StoreError, UnreadableFile  # noqa: E402
from .ingest import IngestSummary, discover, ingest, read_document  # noqa: E402
from .records import Document, Failure, Line, Metadata, Page, Passage  # noqa: E402
from .store import Store  # noqa: E402

__all__ = [
    "Document",
    "Failure",
    "IngestSummary",
    "Line",
    "Metadata",
    "MetadataError",
    "Page",
    "Passage",
    "ReviewMinerError",
    "Store",
    "StoreError",
    "UnreadableFile",
    "discover",
    "ingest",
    "read_document",
]
