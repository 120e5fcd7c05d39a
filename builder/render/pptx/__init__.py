"""Helpers for slide decks: fitting text into placeholders with real font metrics."""
