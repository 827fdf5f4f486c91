"""Originals kept in the database (VANBAN_BLOB_STORE=database): content-addressed like the folder store,
and readable from a machine whose data folder never saw the upload. On SQLite and PostgreSQL."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import func, select
from store_fixtures import *  # noqa: F403
from store_fixtures import Store

from models.service_tables import Blob
from service.settings import Settings
from service.store.blobs import DbBlobs, FileBlobs, open_blobs, sha256

LETTER = "Kính gửi: Sở Giáo dục và Đào tạo tỉnh Quảng Bình.\nUBND tỉnh đề nghị Sở báo cáo trước ngày 15/3/2017.\n"


def test_an_upload_kept_on_one_machine_is_read_on_another_from_the_database(store: Store, tmp_path: Path) -> None:
    data = LETTER.encode("utf-8")
    api = DbBlobs(tmp_path / "api", store.factory)
    spooled = api.spool(io.BytesIO(data), "cong-van.txt", max_bytes=1 << 20, head_bytes=16)
    assert spooled.sha256 == sha256(data) and spooled.head == data[:16]
    assert api.keep(spooled) == f"blobs/{spooled.sha256[:2]}/{spooled.sha256[2:]}"  # the files.path key, as before

    worker = DbBlobs(tmp_path / "worker", store.factory)  # another data folder: nothing of the upload in it
    assert worker.exists(spooled.sha256)
    path = worker.path(spooled.sha256)
    assert path.is_relative_to(tmp_path / "worker") and path.read_bytes() == data
    assert worker.read(spooled.sha256) == data


def test_the_same_bytes_are_kept_once(store: Store, tmp_path: Path) -> None:
    data = LETTER.encode("utf-8")
    a, b = DbBlobs(tmp_path / "a", store.factory), DbBlobs(tmp_path / "b", store.factory)
    assert a.put(data) == b.put(data) == a.put(data, sha256(data))
    b.keep(b.spool(io.BytesIO(data), "ban-sao.txt", max_bytes=1 << 20, head_bytes=16))
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Blob)) == 1


def test_a_blob_nobody_kept_is_not_there(store: Store, tmp_path: Path) -> None:
    blobs = DbBlobs(tmp_path, store.factory)
    missing = sha256("chưa ai gửi".encode())
    assert not blobs.exists(missing)
    with pytest.raises(FileNotFoundError):
        blobs.path(missing)


@pytest.mark.parametrize(("setting", "kind"), [("folder", FileBlobs), ("database", DbBlobs)])
def test_VANBAN_BLOB_STORE_chooses_the_store(store: Store, tmp_path: Path, setting: str, kind: type) -> None:
    assert isinstance(open_blobs(Settings(data_dir=tmp_path, blob_store=setting), store.factory), kind)
