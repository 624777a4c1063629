"""review_miner: turn child-safeguarding case reviews into evidence, offline.

The Python API is the same set of functions the `review-miner` command calls::

    from review_miner import Store, ingest

    with Store("review_miner.db") as store:
        summary = ingest(["corpora/sample"], store)
        for document in store.documents():
            print(document.file, document.metadata.kind, document.metadata.quarter)
"""

__version__ = "0.1.0"

from importlib import import_module  # noqa: E402

from .codebook import Codebook, CodebookError, load_codebook  # noqa: E402
from .errors import MetadataError, ReviewMinerError, StoreError, UnreadableFile  # noqa: E402
from .ingest import IngestSummary, discover, ingest, read_document  # noqa: E402
from .pseudonymise import pseudonymise  # noqa: E402
from .records import Document, Failure, Flag, Line, Metadata, Page, Passage, Tag  # noqa: E402
from .store import Store  # noqa: E402

# The rest of the API is imported on first use (PEP 562), not here: `review-miner` imports
# this package before its own module, and a command that needs neither the reports nor the
# models (`--help`, a re-run with nothing new) must not pay for importing them. What is
# imported above is light, and two of its names are also modules' (`ingest`, `pseudonymise`):
# imported lazily, the submodule, once loaded, would shadow the function of the same name.
_EXPORTS = {  # name -> the module that defines it
    "Digest": ".digest",
    "build_digest": ".digest",
    "write_digest": ".digest",
    "compare": ".evaluate",
    "RunSummary": ".pipeline",
    "run_pipeline": ".pipeline",
    "frequency_table": ".report.frequency",
    "report_tables": ".report.frequency",
    "review_frame": ".report.frequency",
    "write_report": ".report.render",
    "code_evidence": ".report.tables",
    "code_matrix": ".report.tables",
    "store_frames": ".report.tables",
    "screen_store": ".screen",
    "screening_table": ".screen",
    "load_setup": ".tag",
    "read_coded": ".tag",
    "tag_items": ".tag",
    "tag_store": ".tag",
    "train": ".tag",
    "Item": ".tagging",
    "TopicSummary": ".topics",
    "find_topics": ".topics",
}


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value  # found once: later look-ups do not come back here
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


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
