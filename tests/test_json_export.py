"""The JSON export: the text written is what ``json.dumps`` gives, batch boundaries or not."""

from __future__ import annotations

import json

import pytest
from support import JJJ_FILES

from compare.pipeline import Options, compare_files
from compare.report import json_export
from compare.report.outputs import render_output


@pytest.fixture(scope="module")
def comparison():
    return compare_files(JJJ_FILES, Options())


@pytest.mark.parametrize("batch", [1, 7, 8192])
def test_json_bytes_equal_one_json_dumps_whatever_the_batch(comparison, monkeypatch, batch) -> None:
    monkeypatch.setattr(json_export, "JSON_BATCH", batch)
    expected = json.dumps(json_export.comparison_to_dict(comparison), ensure_ascii=False, indent=1, sort_keys=True)
    assert json_export.json_bytes(comparison) == (expected + "\n").encode("utf-8")


def test_the_json_output_is_the_json_text(comparison) -> None:
    data = render_output("json", comparison, "zh")
    assert data == json_export.to_json(comparison).encode("utf-8") and data.endswith(b"}\n")
    assert json.loads(data)["documents"]
