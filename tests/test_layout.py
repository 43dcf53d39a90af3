"""A run folder of the first layout (one market's tasks at tasks/<strategy>/..., no market column), made by the code
before one study shape (commit f060ae3), still loads and reports: the report migrates it in place on load."""

import shutil

import pandas as pd

FIXTURE = "tests/fixtures/run-v1"  # a smoke study of buy-and-hold and LightGBM, one seed, two folds


def test_old_run_loads_and_reports(root, tmp_path):
    from thesis_rl.metrics import performance_table
    from thesis_rl.report import load_run, model_tables, research_question

    folder = shutil.copytree(root / FIXTURE, tmp_path / "run-v1")
    before = pd.read_parquet(folder / "results.parquet")
    assert "market" not in before
    run = load_run(folder)
    assert run.manifest["layout"] == 2 and run.manifest["markets"] == ["synthetic:trend"]
    assert set(run.results["market"]) == {"synthetic:trend"} and not run.is_panel
    pd.testing.assert_frame_equal(run.results.drop(columns="market"), before)
    tasks = sorted(str(p.relative_to(folder / "tasks")) for p in (folder / "tasks").rglob("*.parquet"))
    assert tasks == [
        f"synthetic-trend/{s}/fold0{k}_seed0.parquet" for s in ("buy_and_hold", "lightgbm") for k in (0, 1)
    ]
    table, sentences = research_question(run, reps=50)
    assert list(table.index) == ["lightgbm:buy_and_hold"] and len(sentences) == 1
    assert set(performance_table(run.results).index) == {"buy_and_hold", "lightgbm"}
    importance = model_tables(run, "feature_importance.csv")  # the model folders moved under the market too
    assert sorted(importance[["fold", "seed"]].drop_duplicates().itertuples(index=False)) == [(0, 0), (1, 0)]
