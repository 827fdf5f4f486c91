"""An agency as the graph keeps and queries it: the body kind without its place, the level it acts at,
and its province and district. extractor/bodies.py reads it from a name; graph/ only compares it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Body:
    canonical: str  # "Sở Giáo dục và Đào tạo tỉnh Quảng Bình"
    key: str  # "sở giáo dục và đào tạo"
    level: str | None  # national | ministry | province | district | commune | local (unspecified)
    province: str | None = None
    district: str | None = None


@dataclass(frozen=True)
class Where:
    """The jurisdiction of the document that names the body."""

    level: str | None = None
    province: str | None = None
    district: str | None = None
