"""Risk rules: the score is probability × worst impact, kept right on every save."""

from __future__ import annotations

from pmo_desktop.models import Risk
from pmo_desktop.services.crud import register_normaliser


def rate(risk: Risk) -> None:
    """Derive the score and the residual score from their ratings."""
    risk.score = risk.probability * risk.impact
    if risk.residual_probability is not None and risk.residual_impact is not None:
        risk.residual_score = risk.residual_probability * risk.residual_impact
    else:
        risk.residual_score = None


register_normaliser(Risk, rate)
