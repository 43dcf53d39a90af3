"""A deterministic, slow strategy for the crash-and-resume tests (a plug-in by module:factory name)."""

import time
from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass
class SlowMomentum:
    "Sign of the last 5 days' return; sleeps a little in fit so a run can be killed mid-way."

    name: str = "slow_momentum"
    seed: int = 0

    def fit(self, train, seed):
        self.seed = seed
        time.sleep(0.4)
        return self

    def positions(self, test, history):
        close = pd.concat([history.prices["close"], test.prices["close"]])
        signal = np.sign(close.pct_change(5)).fillna(0.0)
        return signal.loc[test.index].rename("position") * (0.5 if self.seed % 2 else 1.0)


def make(settings):
    return SlowMomentum()
