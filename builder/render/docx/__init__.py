"""Helpers for Word documents: blocks (headings, boxes, tables), low-level OOXML utilities and a faster docxtpl template."""
