"""The learners' input: hashed string features, narrowed to the columns the training data uses.

A pickled pipeline refers to this module, so a model folder loads it at run time (scikit-learn
is imported only then)."""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction import FeatureHasher
from sklearn.pipeline import Pipeline, make_pipeline


class UsedColumns(TransformerMixin, BaseEstimator):  # type: ignore[misc]
    """Keeps the columns that hold a value in some training row. A column no row uses stays at
    zero under an L2-penalised fit (no gradient reaches it), so dropping it changes no weight,
    but the optimiser's every step no longer spans all 2**18 hashed columns (it was most of a
    classifier's fitting time)."""

    def fit(self, x: Any, y: Any = None) -> UsedColumns:
        self.columns_ = np.flatnonzero(x.getnnz(axis=0))
        return self

    def transform(self, x: Any) -> Any:
        return x[:, self.columns_]


def hashed(n_features: int, learner: Any) -> Pipeline:
    """``learner`` over lists of feature strings, hashed into ``n_features`` columns."""
    return make_pipeline(FeatureHasher(n_features, input_type="string"), UsedColumns(), learner)
