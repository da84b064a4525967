"""The bundled sample reports (resources/samples) stay readable: a new user's first look."""

from app.extract import extract_pdf
from resources import SAMPLES


def test_every_sample_extracts():
    pdfs = sorted(SAMPLES.glob("*.pdf"))
    assert len(pdfs) >= 6
    for pdf in pdfs:
        record = extract_pdf(pdf)
        assert len(record.cells) >= 180, pdf.name
        assert not [p for p in record.problems if p.cell], pdf.name
