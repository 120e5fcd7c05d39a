"""Slide-deck helpers: fit.py fits text (Carlito metrics in metrics.py), text.py makes and writes paragraphs,
template.py checks the master and reads its boxes, layout.py lays a deck out in memory, writer.py writes it
as .pptx, tables.py and shapes.py lay out and draw tables, pictures and the head-table diagram."""
