"""PDFs written by hand for the tests and benchmarks: a page is a Helvetica text stream, a line of
text where the caller puts it (pypdf reads PDFs; it does not lay out text)."""

from __future__ import annotations

import zlib


def _escape(text: str) -> bytes:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("cp1252")


# A line: (y, text) at the left margin, or (y, text, x) where it starts further in (an indent),
# or (y, text, x, size) in type of that size.
Line = tuple[int, str] | tuple[int, str, int] | tuple[int, str, int, int]


def pdf(pages: list[list[Line]], title: str | None = None, image: bool = False) -> bytes:
    """A PDF whose pages show ``(y, text)`` lines in Helvetica 11 (y from the bottom of a letter page),
    at x 72, unless the line gives its own x and size; with ``image``, each page is also (or only) a grey
    picture, as a scanner makes it."""
    objects: list[bytes] = [b"", b""]  # the catalog and the page tree, filled in last

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids = []
    for lines in pages:
        ops = b"".join(b"BT /F1 %d Tf %d %d Td (%s) Tj ET\n" % (line[3] if len(line) == 4 else 11,
                                                                line[2] if len(line) >= 3 else 72, line[0],
                                                                _escape(line[1])) for line in lines)  # fmt: skip
        xobject = b""
        if image:
            pixels = zlib.compress(bytes([200]) * 64 * 64)
            picture = add(b"<< /Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray "
                          b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % len(pixels)
                          + pixels + b"\nendstream")  # fmt: skip
            ops += b"q 468 0 0 648 72 72 cm /Im1 Do Q\n"
            xobject = b" /XObject << /Im1 %d 0 R >>" % picture
        content = add(b"<< /Length %d >>\nstream\n" % len(ops) + ops + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                        b"/Resources << /Font << /F1 %d 0 R >>%s >> >>" % (content, font, xobject)))  # fmt: skip
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    info = add(b"<< /Title (%s) /Producer (hand) >>" % _escape(title)) if title is not None else 0
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, b" /Info %d 0 R" % info if info else b"", xref)  # fmt: skip
    return bytes(out)
