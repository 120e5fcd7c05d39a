"""What the slide decks say: the module deck, the workshop deck and the check questions on slides.

The content is laid out with :mod:`builder.render.pptx` (fit, layout); :mod:`builder.render.slides`
is the output kind that writes it.
"""
