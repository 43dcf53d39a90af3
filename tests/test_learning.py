"""Did a model learn; is a difference skill or exposure (13_contrasts), on planted markets; the stored score (10)."""

import numpy as np
import pandas as pd
import pytest

from thesis_rl.backtest import simulate
from thesis_rl.contrasts import (
    contrast_table,
    exposure_adjusted,
    learning_facts,
    learning_table,
    mean_difference_ci,
    rank_correlation,
    with_exposure_basis,
)
from thesis_rl.metrics import strategy_returns

DAYS = pd.bdate_range("2016-01-01", periods=750)


def book(name: str, position, fr: np.ndarray, seed: int = 0, score=None) -> pd.DataFrame:
    "A strategy's result rows: its positions simulated on the market's forward returns (1 bp per side)."
    sim = simulate(pd.Series(position, index=DAYS, dtype=float), pd.Series(fr, index=DAYS), 1.0, 0.0)
    rows = sim.rename_axis("date").reset_index().assign(strategy=name, seed=seed, forward_return=fr)
    return rows if score is None else rows.assign(score=score)


def market(seed: int, drift: float = 0.0, sd: float = 0.01) -> np.ndarray:
    return np.random.default_rng(seed).normal(drift, sd, len(DAYS))


def test_planted_score_has_a_rank_correlation_above_zero():
    fr = market(1)
    score = 0.3 * fr + np.random.default_rng(2).normal(0, 0.01, len(DAYS))
    ic = rank_correlation(pd.DataFrame({"date": DAYS, "forward_return": fr, "score": score}))
    assert ic["ci_low"] > 0


def test_noise_score_has_a_rank_correlation_around_zero():
    fr = market(3)
    ic = rank_correlation(pd.DataFrame({"date": DAYS, "forward_return": fr, "score": market(4)}))
    assert ic["ci_low"] < 0 < ic["ci_high"]


def test_exposure_adjustment_removes_a_pure_beta_gap_to_flat():
    fr = market(5, drift=0.0008, sd=0.005)
    rows = pd.concat([book("beta", 0.3, fr), book("flat", 0.0, fr)], ignore_index=True)
    raw = mean_difference_ci(*[strategy_returns(rows)[s] for s in ("beta", "flat")], reps=199)
    adjusted = mean_difference_ci(*[strategy_returns(exposure_adjusted(rows))[s] for s in ("beta", "flat")], reps=199)
    assert raw["diff"] > 1e-4 and raw["ci_low"] > 0
    assert abs(adjusted["diff"]) < 1e-6  # the one entry cost of 0.3 units, spread over the days


def test_exposure_basis_beside_the_raw_contrast():
    fr = market(6, drift=0.0008, sd=0.005)
    rows = []
    for seed in range(2):
        w = [np.random.default_rng(k).uniform(-0.5, 0.5, len(DAYS)) for k in (10 + seed, 20 + seed)]
        rows += [book("beta", 0.3 + w[0], fr, seed), book("wobble", w[1], fr, seed)]
    rows = pd.concat(rows, ignore_index=True)
    table = with_exposure_basis(contrast_table(rows, ["beta:wobble"], reps=199), rows, reps=199).iloc[0]
    assert table["ci_low"] > 0  # raw: the exposure wins
    assert table["exposure_ci_low"] < 0 < table["exposure_ci_high"]  # adjusted: no timing skill on either side


def test_learning_table_names_the_model_that_did_not_learn():
    fr = market(7)
    g = np.random.default_rng(8)
    seeing = 0.3 * fr + g.normal(0, 0.01, len(DAYS))
    blind, control = g.normal(size=len(DAYS)), g.normal(size=len(DAYS))
    rows = pd.concat(
        [
            book("sees", np.sign(seeing), fr, score=seeing),
            book("blind", np.sign(blind), fr, score=blind),
            book("sees_shuffled", np.sign(control), fr, score=control),
        ],
        ignore_index=True,
    )
    learning = learning_table(rows, ["sees", "blind"])
    assert learning.set_index("strategy")["learned"].to_dict() == {"sees": True, "blind": False}
    facts = learning_facts(contrast_table(rows, ["sees:blind"], reps=99), learning)
    assert facts["sees:blind"] == ["blind did not learn"]


@pytest.mark.slow  # trains a smoke LSTM
def test_run_task_stores_the_models_score_without_changing_positions():
    from thesis_rl.config import load_settings
    from thesis_rl.fitting import run_task, task_positions
    from thesis_rl.study import Task

    m = load_settings("smoke").data.source
    scored = run_task(Task("lstm", 0, 0, m, "smoke"))
    assert scored["score"].notna().all()
    assert np.array_equal(scored["position"].to_numpy(), task_positions(Task("lstm", 0, 0, m, "smoke"))[m].to_numpy())
