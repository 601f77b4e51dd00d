"""The features the ranking learns from: the same whether read in one batch or many."""

import numpy as np
import pytest

from readinglist.core.discover import features


@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setattr(features, "BATCH", 4)


def test_texts_come_in_id_order_in_batches_title_twice(sample_library, small_batches):
    lib = sample_library
    batches = list(features.paper_texts(lib.conn))
    ids = [i for batch in batches for i, _ in batch]
    assert ids == lib.ids(sort="id")
    assert all(len(b) == 4 for b in batches[:-1]) and 1 <= len(batches[-1]) <= 4
    first = lib.paper(ids[0])
    assert batches[0][0][1] == f"{first.title}. {first.title}. {first.abstract}"
    later = [i for batch in features.paper_texts(lib.conn, ids[5]) for i, _ in batch]
    assert later == ids[6:]


def test_many_batches_on_several_processes_give_the_same_features(sample_library, small_batches):
    texts = [t for batch in features.paper_texts(sample_library.conn) for _, t in batch]
    vectorizer = features.vectorizer_for(len(texts))
    whole = vectorizer.fit_transform(texts).tocsr()
    parts = features.transform(vectorizer, texts)  # several batches, up to 4 processes
    assert parts.shape == whole.shape and parts.format == "csr"
    assert abs(parts - whole).max() < 1e-6


def test_a_fit_learns_from_every_paper_and_new_papers_use_its_words(
    sample_library, small_batches, tmp_path
):
    lib = sample_library
    vectorizer, ids, matrix = features.fit(lib.conn)
    assert ids.tolist() == lib.ids(sort="id") and matrix.shape[0] == len(ids)
    assert ids.dtype == np.int64
    terms = set(vectorizer.get_feature_names_out())
    assert "hebbian" in terms and "dense hebbian" in terms  # words and word pairs
    assert not any(t[0].isdigit() for t in terms)  # numbers are not features
    assert not {"the", "and", "of"} & terms  # nor English stop words
    path = tmp_path / "v.pickle"
    features.save_vectorizer(vectorizer, path)
    again = features.load_vectorizer(path)
    new_ids, new = features.transform_new(lib.conn, again, int(ids[-3]))
    assert new_ids.tolist() == ids[-2:].tolist() and new.shape == (2, matrix.shape[1])
    assert abs(new - matrix[-2:]).max() < 1e-6
    none, nothing = features.transform_new(lib.conn, again, int(ids[-1]))
    assert len(none) == 0 and nothing is None and none.dtype == np.int64


def test_an_empty_library_has_nothing_to_learn(library):
    vectorizer, ids, matrix = features.fit(library.conn)
    assert vectorizer is None and matrix is None and len(ids) == 0 and ids.dtype == np.int64


@pytest.mark.parametrize(
    ("papers", "min_df", "max_df"),
    [(50, 1, 1.0), (100, 2, 1.0), (199, 2, 1.0), (200, 2, 0.1), (10_000, 3, 0.1)],
)
def test_rare_and_common_words_are_dropped_only_in_larger_libraries(papers, min_df, max_df):
    vectorizer = features.vectorizer_for(papers)
    assert (vectorizer.min_df, vectorizer.max_df) == (min_df, max_df)
    assert vectorizer.ngram_range == (1, 2) and vectorizer.sublinear_tf
    assert vectorizer.max_features == features.MAX_FEATURES


def test_one_batch_is_transformed_in_this_process(sample_library):
    texts = [t for batch in features.paper_texts(sample_library.conn) for _, t in batch]
    vectorizer = features.vectorizer_for(len(texts))
    whole = vectorizer.fit_transform(texts).tocsr()
    one = features.transform(vectorizer, texts)  # fewer than BATCH: no processes
    assert one.format == "csr" and abs(one - whole).max() < 1e-6


def test_a_large_library_learns_its_words_from_a_sample_and_keeps_every_paper(
    sample_library, monkeypatch
):
    monkeypatch.setattr(features, "FIT_SAMPLE", 100)
    monkeypatch.setattr(features, "BATCH", 1000)
    lib = sample_library
    vectorizer, ids, matrix = features.fit(lib.conn)
    assert ids.tolist() == lib.ids(sort="id") and matrix.shape[0] == len(ids)
    assert matrix.format == "csr"
    texts = [t for batch in features.paper_texts(lib.conn) for _, t in batch]
    assert abs(matrix - vectorizer.transform(texts)).max() < 1e-6
    sampled = features.vectorizer_for(0).fit(texts[:: len(texts) // 100])
    assert set(vectorizer.get_feature_names_out()) <= set(sampled.get_feature_names_out())
