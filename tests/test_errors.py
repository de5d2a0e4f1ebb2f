"""Error messages: the system's file-system reasons shown in the reader's language."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from compare.errors import InputError, os_error
from compare.jurisdiction import load_divisions


def test_known_os_errors_are_translated_and_others_keep_the_systems_text() -> None:
    missing = os_error(OSError(errno.ENOENT, "No such file or directory"))
    assert missing.render("zh") == "文件或目录不存在" and missing.render("en") == "no such file or directory"
    assert os_error(OSError(errno.EXDEV, "Invalid cross-device link")) == "Invalid cross-device link"


def test_a_table_file_that_is_a_folder_is_refused_in_the_readers_language(tmp_path: Path) -> None:
    """A library error raised before the reader's language is known still reads in it."""
    with pytest.raises(InputError) as caught:
        load_divisions(tmp_path)  # a folder, not a TOML file
    assert caught.value.message("zh").endswith("无法读取：是目录") and caught.value.message("en").endswith("is a directory")
