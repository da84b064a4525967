"""The short 审计指纹 (audit fingerprint) of the open review file, shown in the status bar."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class FingerprintLabel(QLabel):
    """A permanent status-bar label: the trail's newest hash (12 digits) and its entry count."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # never widen the window: on a 1366 px laptop the tables keep their room (it elides)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setToolTip(self.tr("Audit fingerprint: verify with nianbao verify --head HASH --count N"))
        self.show_review(None)

    def show_review(self, review) -> None:
        if review is None:
            self.setText("")
            return
        self.setText(self.tr("Audit fingerprint {0}").format(review.audit_fingerprint().short))


def about_fingerprint(review) -> str:
    """The About box line, empty without an open review file."""
    if review is None:
        return ""
    label = FingerprintLabel()
    label.show_review(review)
    text = label.text()
    label.deleteLater()
    return f"<p>{text}</p>"
