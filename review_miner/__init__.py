"""review_miner: turn child-safeguarding case reviews into evidence, offline.

The Python API is the same set of functions the `review-miner` command calls::

    from review_miner import Store, ingest

    with Store("review_miner.db") as store:
        summary = ingest(["corpora/sample"], store)
        for document in store.documents():
            print(document.file, document.metadata.kind, document.metadata.quarter)
"""

__version__ = "0.1.0"

from .codebook import Codebook, CodebookError, load_codebook  # noqa: E402
from .errors import MetadataError, ReviewMinerError, StoreError, UnreadableFile  # noqa: E402
from .evaluate import compare  # noqa: E402
from .ingest import IngestSummary, discover, ingest, read_document  # noqa: E402
from .records import Document, Failure, Flag, Line, Metadata, Page, Passage, Tag  # noqa: E402
from .report.tables import code_evidence, code_matrix  # noqa: E402
from .screen import screen_store  # noqa: E402
from .store import Store  # noqa: E402
from .tag import load_setup, read_coded, tag_items, tag_store, train  # noqa: E402
from .tagging import Item  # noqa: E402

__all__ = [
    "Codebook",
    "CodebookError",
    "Document",
    "Failure",
    "Flag",
    "IngestSummary",
    "Item",
    "Line",
    "Metadata",
    "MetadataError",
    "Page",
    "Passage",
    "ReviewMinerError",
    "Store",
    "StoreError",
    "Tag",
    "UnreadableFile",
    "code_evidence",
    "code_matrix",
    "compare",
    "discover",
    "ingest",
    "load_codebook",
    "load_setup",
    "read_coded",
    "read_document",
    "screen_store",
    "tag_items",
    "tag_store",
    "train",
]
