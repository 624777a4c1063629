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
from .digest import Digest, build_digest, write_digest  # noqa: E402
from .errors import MetadataError, ReviewMinerError, StoreError, UnreadableFile  # noqa: E402
from .evaluate import compare  # noqa: E402
from .ingest import IngestSummary, discover, ingest, read_document  # noqa: E402
from .pipeline import RunSummary, run_pipeline  # noqa: E402
from .pseudonymise import pseudonymise  # noqa: E402
from .records import Document, Failure, Flag, Line, Metadata, Page, Passage, Tag  # noqa: E402
from .report.frequency import frequency_table, report_tables, review_frame  # noqa: E402
from .report.render import write_report  # noqa: E402
from .report.tables import code_evidence, code_matrix, store_frames  # noqa: E402
from .screen import screen_store, screening_table  # noqa: E402
from .store import Store  # noqa: E402
from .tag import load_setup, read_coded, tag_items, tag_store, train  # noqa: E402
from .tagging import Item  # noqa: E402
from .topics import TopicSummary, find_topics  # noqa: E402

__all__ = [
    "Codebook",
    "CodebookError",
    "Digest",
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
    "RunSummary",
    "Store",
    "StoreError",
    "Tag",
    "TopicSummary",
    "UnreadableFile",
    "build_digest",
    "code_evidence",
    "code_matrix",
    "compare",
    "discover",
    "find_topics",
    "frequency_table",
    "ingest",
    "load_codebook",
    "load_setup",
    "pseudonymise",
    "read_coded",
    "read_document",
    "report_tables",
    "review_frame",
    "run_pipeline",
    "screen_store",
    "screening_table",
    "store_frames",
    "tag_items",
    "tag_store",
    "train",
    "write_digest",
    "write_report",
]
