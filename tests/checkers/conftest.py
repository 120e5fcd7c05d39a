"""Checker tests run the participant-facing module with the national holiday table installed."""

import pytest

from builder.render.notebooks import install_holidays


@pytest.fixture(autouse=True, scope="session")
def _holidays():
    install_holidays()
