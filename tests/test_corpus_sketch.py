"""compare.corpus building blocks: normalisation, MinHash signatures, LSH bands, the fast lexer.

Each test says what it proves. No database and no Dask here (see test_corpus.py).
"""

from __future__ import annotations

import random
import re

import numpy as np
import pytest
from datasketch import MinHash, MinHashLSH

from compare.corpus.families import split
from compare.corpus.fastlex import FastLexer
from compare.corpus.lsh import BandIndex, lsh_params
from compare.corpus.shingle import Normaliser, shingle_hash, shingle_hashes, signatures, to_minhash
from compare.jurisdiction import JurisdictionLexer, load_divisions, load_institutions, to_jurisdiction
from support import JJJ_FILES

TABLE = load_divisions()


def own(name: str):
    return to_jurisdiction(TABLE.find(name)[0])


@pytest.fixture(scope="module")
def normaliser() -> Normaliser:
    return Normaliser()


def random_texts(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    alphabet = "本市人民政府应当加强生活垃圾分类工作领导建立健全协调机制所需经费列入财政预算"
    base = ["".join(rng.choice(alphabet) for _ in range(rng.randint(20, 90))) for _ in range(n // 3)]
    out = []
    for text in base:  # each text with two variants, so LSH has real near-duplicates to find
        out.append(text)
        for _ in range(2):
            chars = list(text)
            for _ in range(rng.randint(0, 4)):
                chars[rng.randrange(len(chars))] = rng.choice(alphabet)
            out.append("".join(chars))
    return out


def test_signatures_equal_datasketch_minhash():
    """The vectorised signature is exactly datasketch's MinHash of the same shingles."""
    for text in random_texts(30) + ["短", "正好四个", ""]:
        expected = MinHash(num_perm=64, seed=3, hashfunc=shingle_hash, scheme="affine32")
        shingles = [text[i:i + 4] for i in range(len(text) - 3)]
        if shingles:
            expected.update_batch(shingles)
        got = signatures([text], 4, 64, seed=3)[0]
        assert np.array_equal(expected.hashvalues, got), text
        assert to_minhash(got.tobytes(), seed=3).jaccard(expected) == 1.0


def test_shingle_hashes_match_scalar_hash():
    """The numpy rolling hash and the per-shingle hash agree (including astral characters)."""
    text = "本市\U000f1234与天津市ab12"
    assert shingle_hashes(text, 3).tolist() == [shingle_hash(text[i:i + 3]) for i in range(len(text) - 2)]


def test_band_index_finds_what_datasketch_lsh_finds():
    """Same (b, r) as MinHashLSH, and the same candidates for every query."""
    texts = random_texts(60)
    sigs = signatures(texts, 4, 128)
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    for i, row in enumerate(sigs):
        lsh.insert(i, to_minhash(row))
    assert lsh_params(0.5, 128) == (lsh.b, lsh.r)
    index = BandIndex(sigs, 0.5)
    pairs = set(zip(*(a.tolist() for a in index.pairs(max_bucket=1000))))
    for i, found in enumerate(index.query(sigs)):
        expected = set(lsh.query(to_minhash(sigs[i])))
        assert set(found.tolist()) == expected
        assert {j for j in expected if j != i} == {b if a == i else a for a, b in pairs if i in (a, b)}


def test_band_index_caps_large_buckets_but_keeps_them_connected():
    """A bucket of identical signatures gives neighbour pairs only, still one chain."""
    sigs = np.repeat(signatures(["同一个条款的文字内容完全相同"], 4, 64), 10, axis=0)
    a, b = BandIndex(sigs, 0.5).pairs(max_bucket=2)
    assert 0 < len(a) < 45 and set(zip(a.tolist(), b.tolist())) >= {(i, i + 1) for i in range(9)}


def test_normalised_strings_equal_across_jurisdictions(normaliser):
    """本市 / 本省, 市 / 省人民政府 and a rotated partner list read the same; substance does not."""
    beijing = normaliser.normalise("本市与天津市、河北省建立协同机制，市人民政府应当加强领导。", own("北京市"))
    tianjin = normaliser.normalise("本市与北京市、河北省建立协同机制, 市人民政府应当加强领导", own("天津市"))
    zhejiang = normaliser.normalise("本省建立协同机制，省人民政府应当加强领导。", own("浙江省"))
    henan = normaliser.normalise("本省建立协同机制，省人民政府可以加强领导。", own("河南省"))
    assert beijing == tianjin
    assert zhejiang.endswith(beijing[1:]) and zhejiang != henan
    assert "，" not in beijing and "本市" not in beijing


def test_parent_province_reads_as_self_parent(normaliser):
    """A city's citation of its own province's regulation reads the same in every province."""
    zhengzhou = normaliser.normalise("根据《河南省大气污染防治条例》，结合本市实际，制定本条例。", own("郑州市"))
    ningbo = normaliser.normalise("根据《浙江省大气污染防治条例》，结合本市实际，制定本条例。", own("宁波市"))
    assert zhengzhou == ningbo


def test_fast_lexer_matches_the_lexer():
    """FastLexer keys the same protected phrases as JurisdictionLexer on real texts."""
    table, institutions = load_divisions(), load_institutions()
    slow = JurisdictionLexer(table, (), institutions)
    fast = FastLexer(table, (), institutions)
    texts = [open(path, encoding="utf-8-sig").read() for path in JJJ_FILES]
    texts.append("依照第十二条和第12条，2020年1月1日起，北京市人民政府、本省、市发展改革部门与河北省、天津市")
    for text in texts:
        jur = own("北京市")
        keyed = [(t.surface, t.key) for t in fast.tokens(text, jur) if t.kind != "word"]
        expected = [(t.surface, t.key) for t in slow.tokens(text, jur) if t.kind not in ("word", "punct", "space")]
        assert [k for k in keyed if not re.fullmatch(r"\W+", k[0])] == expected


def test_split_prevents_chaining():
    """A–B–C linked in a chain, A and C far apart: two families, each within reach of its centre."""
    norms = ["甲乙丙丁戊己庚辛壬癸", "甲乙丙丁戊己庚辛子丑", "甲乙丙丁戊己寅卯子丑"]
    parts = split([0, 1, 2], [2, 1, 1], np.array([1, 2, 1]), norms, 0.8)
    assert parts[0][0] == 0 and 2 not in parts[0]
