"""The Compliance view: the PMO's rules, their findings across the portfolio, settings."""
