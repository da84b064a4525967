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


def test_the_sample_review_is_built_through_the_importer(tmp_path, monkeypatch):
    """No pdfium in the caller's (the GUI's) thread: the samples are read by the import workers."""
    import app.extract.record
    from app.review import open_review
    from app.samples import fill_sample_review

    def no_reading_here(*_args, **_kw):
        raise AssertionError("a sample was read in the calling process")

    monkeypatch.setattr(app.extract.record, "read_text", no_reading_here)
    seen = []
    with open_review(tmp_path / "s.sqlite", reviewer="tester") as review:
        added = fill_sample_review(review, progress=lambda d, t: seen.append((d, t)))
        assert added == len(sorted(SAMPLES.glob("*.pdf"))) and not review.import_errors()
        assert seen and seen[-1][0] == seen[-1][1] == added
        assert fill_sample_review(review) == 0  # already there
    with open_review(tmp_path / "c.sqlite", reviewer="tester") as review:
        assert fill_sample_review(review, cancelled=lambda: True) == 0
