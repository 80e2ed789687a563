"""Debian's chromium, headless, as the report tests and the README picture use it.

    python tests/browser.py FILE.html OUT.png [WIDTH HEIGHT]

writes the screenshot the README shows (docs/html-report.png) with the same command the browser
test runs. Every run gets a fresh profile folder, and chromium is told not to reach the network.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking")
TIMEOUT = 120


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def run_chromium(page: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Chromium on `page` with the test flags and a fresh --user-data-dir, plus `args`."""
    binary = chromium()
    assert binary is not None, "chromium is not installed"
    with tempfile.TemporaryDirectory(prefix="goodlooks-chromium-") as profile:
        return subprocess.run([binary, *FLAGS, f"--user-data-dir={profile}", *args, page.resolve().as_uri()],
                              capture_output=True, text=True, timeout=TIMEOUT, check=False)


def screenshot(page: Path, png: Path, width: int = 1200, height: int = 1500) -> None:
    run_chromium(page, "--hide-scrollbars", f"--window-size={width},{height}", f"--screenshot={png}")


def print_pdf(page: Path, pdf: Path) -> None:
    run_chromium(page, "--no-pdf-header-footer", f"--print-to-pdf={pdf}")


def dump_dom(page: Path) -> str:
    return run_chromium(page, "--dump-dom").stdout


def png_size(png: Path) -> tuple[int, int]:
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{png} is not a PNG"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def ink(ppm: Path) -> float:
    """The share of pixels in a binary PPM (what pdftoppm writes) that are not near white."""
    data = ppm.read_bytes()
    fields, at = [], 0
    while len(fields) < 4:  # P6, width, height, maximum value; comments start with '#'
        while data[at:at + 1].isspace():
            at += 1
        if data[at:at + 1] == b"#":
            at = data.index(b"\n", at)
            continue
        end = at
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[at:end])
        at = end
    assert fields[0] == b"P6", f"{ppm} is not a binary PPM"
    pixels = data[at + 1:]
    dark = sum(1 for i in range(0, len(pixels) - 2, 3) if min(pixels[i], pixels[i + 1], pixels[i + 2]) < 200)
    return dark / (len(pixels) // 3)


def png_ink(png: Path) -> float:
    """How much of an 8-bit RGB(A) PNG (what chromium writes) differs from plain white: the
    same measure as `ink`, decoded here so the test needs no imaging library."""
    data = png.read_bytes()
    width, height = png_size(png)
    depth, colour = data[24], data[25]
    assert depth == 8 and colour in (2, 6), f"unexpected PNG format {depth}/{colour}"
    channels = 3 if colour == 2 else 4
    chunks, at = [], 8
    while at < len(data):
        length = int.from_bytes(data[at:at + 4], "big")
        if data[at + 4:at + 8] == b"IDAT":
            chunks.append(data[at + 8:at + 8 + length])
        at += 12 + length
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    previous = bytearray(stride)
    dark = 0
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, corner = previous[i], previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 0xFF
        dark += sum(1 for i in range(0, stride, channels) if min(line[i], line[i + 1], line[i + 2]) < 200)
        previous = line
    return dark / (width * height)


if __name__ == "__main__":
    page, out = Path(sys.argv[1]), Path(sys.argv[2])
    size = [int(v) for v in sys.argv[3:5]] or [1200, 1500]
    screenshot(page, out, *size)
    print(f"{out}: {png_size(out)[0]}x{png_size(out)[1]}")
