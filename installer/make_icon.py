"""Draws the application icon (resources/icons/fieldvisit.png and .ico) from the bundled Hei font."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
FONT = next((ROOT / "resources" / "fonts" / "wqy-microhei").glob("*.tt[cf]"))


def draw(size: int = 256) -> Image.Image:
    """A rounded blue tile with a white 访 (visit), legible down to 16 px."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    canvas = ImageDraw.Draw(image)
    canvas.rounded_rectangle((8, 8, size - 8, size - 8), radius=size // 6, fill=(23, 92, 171, 255))
    font = ImageFont.truetype(str(FONT), int(size * 0.62))
    canvas.text((size / 2, size / 2 + size * 0.02), "访", font=font, fill="white", anchor="mm")
    return image


def main() -> None:
    """Write the PNG (Linux menus, window icon) and the multi-size ICO (Windows)."""
    ICONS.mkdir(parents=True, exist_ok=True)
    image = draw()
    image.save(ICONS / "fieldvisit.png")
    image.save(ICONS / "fieldvisit.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (256, 256)])


if __name__ == "__main__":
    main()
