"""Draw ``curriculum/assets/logo-contoh.png``, the neutral sample logo the reference workshops use.

It is a plain badge ("HUMAS & PROTOKOL" around a speech bubble), deliberately not the coat of arms
of any real government: a workshop sets its own logo with ``branding: logo:`` in its curriculum.
Run ``python3 templates/make_sample_logo.py``; the PNG is committed (Pillow writes it byte for byte
the same on every run).
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).resolve().parent.parent / "curriculum" / "assets" / "logo-contoh.png"
FONT = "/usr/share/fonts/truetype/crosextra/Carlito-Bold.ttf"
SIZE = 480
NAVY, GOLD, WHITE = (31, 78, 121), (201, 151, 38), (255, 255, 255)


def arc_text(draw: ImageDraw.ImageDraw, text: str, radius: float, start_deg: float, end_deg: float,
             font: ImageFont.FreeTypeFont, top: bool) -> None:
    """Write ``text`` letter by letter along a circle around the image centre."""
    centre = SIZE / 2
    steps = max(1, len(text) - 1)
    for index, char in enumerate(text):
        angle = math.radians(start_deg + (end_deg - start_deg) * index / steps)
        x, y = centre + radius * math.cos(angle), centre + radius * math.sin(angle)
        glyph = Image.new("RGBA", (80, 80), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((40, 40), char, font=font, fill=WHITE, anchor="mm")
        rotation = -math.degrees(angle) - 90 if top else -math.degrees(angle) + 90
        glyph = glyph.rotate(rotation, resample=Image.BICUBIC)
        draw._image.alpha_composite(glyph, (int(x - 40), int(y - 40)))


def build() -> Path:
    """Draw the badge and save it."""
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, SIZE - 8, SIZE - 8), fill=NAVY, outline=GOLD, width=14)
    draw.ellipse((112, 112, SIZE - 112, SIZE - 112), fill=WHITE, outline=GOLD, width=8)
    bubble = [(170, 185), (310, 185), (310, 275), (250, 275), (215, 310), (222, 275), (170, 275)]
    draw.polygon(bubble, fill=NAVY)
    for x in (205, 240, 275):
        draw.ellipse((x - 10, 220, x + 10, 240), fill=WHITE)
    font = ImageFont.truetype(FONT, 44)
    arc_text(draw, "HUMAS", 175, 235, 305, font, top=True)
    arc_text(draw, "PROTOKOL", 175, 140, 40, font, top=False)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    image.save(OUT, optimize=False)
    return OUT


if __name__ == "__main__":
    print(build())
