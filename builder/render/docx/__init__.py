"""Helpers for Word documents: blocks (headings, boxes, tables) and low-level OOXML utilities."""
