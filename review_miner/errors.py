"""Errors a user can act on. The CLI prints each on one line and exits with code 1."""

from __future__ import annotations

from pathlib import Path


class ReviewMinerError(Exception):
    """Base class: a problem with the user's input or set-up, described for a person."""


class UnreadableFile(ReviewMinerError):
    """A file that cannot be ingested: scanned, encrypted, damaged, not what it claims to be."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path.name}: {reason}")


class MetadataError(ReviewMinerError):
    """A metadata.csv that cannot be used, with the file, row and column at fault."""


class StoreError(ReviewMinerError):
    """A store file that cannot be opened or is not a review_miner store."""
