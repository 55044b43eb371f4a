"""The per-user cache of font facts: the same manifest and glyph check, without re-reading 60 MB."""

from __future__ import annotations

import hashlib
import os

import pytest

from exporter import fonts as fonts_module
from exporter import usercache
from exporter.fonts import resolve_fonts


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("EXPORTER_CACHE_DIR", str(folder))
    monkeypatch.setattr(fonts_module, "_SHA_CACHE", {})
    monkeypatch.setattr(fonts_module, "_CMAP_CACHE", {})
    return folder


def test_fingerprint_is_the_same_cold_and_warm(cache):
    cold = resolve_fonts().fingerprint()
    assert len(list((cache / "facts").glob("*.marshal"))) == len(set(cold.values()))
    fonts_module._SHA_CACHE.clear()
    assert resolve_fonts().fingerprint() == cold
    for face in resolve_fonts().faces.values():
        real = hashlib.sha256(face.path.read_bytes()).hexdigest()
        assert cold[face.role.value] == f"{face.path.name} {real}"


def test_a_changed_file_is_read_again(cache, tmp_path):
    target = tmp_path / "data.bin"
    target.write_bytes(b"one")
    assert usercache.file_fact(target, "len", lambda: 3) == 3
    assert usercache.file_fact(target, "len", lambda: 99) == 3          # unchanged: cached
    target.write_bytes(b"three")
    assert usercache.file_fact(target, "len", lambda: 5) == 5           # size and mtime changed


def test_a_damaged_or_unwritable_cache_only_costs_time(cache, tmp_path):
    target = tmp_path / "data.bin"
    target.write_bytes(b"x")
    assert usercache.file_fact(target, "v", lambda: (1, 2)) == (1, 2)
    for entry in (cache / "facts").glob("*"):
        entry.write_bytes(b"\x00garbage")
    assert usercache.file_fact(target, "v", lambda: (3, 4)) == (3, 4)
    os.environ["EXPORTER_CACHE_DIR"] = str(target / "not-a-folder")
    assert usercache.file_fact(target, "v", lambda: "computed") == "computed"


def test_the_cached_coverage_answers_like_the_cmap(cache):
    fontset = resolve_fonts()
    assert not fontset.missing("会议简报喆")
    fonts_module._CMAP_CACHE.clear()
    again = resolve_fonts()
    assert again.missing("会议简报\U0010fffd") == {"\U0010fffd"}
    assert not again.missing("会议简报喆")
