"""Settings (the reviewer name that signs the trail) and the rules engine as a dependency."""

from __future__ import annotations

import getpass
import sys

import pytest
from test_store_helpers import truth_record, with_sha

from app.review import open_review
from app.settings import (
    Settings,
    SettingsError,
    config_path,
    load_settings,
    reviewer_name,
    save_settings,
)
from app.store.errors import CheckerMissingError


@pytest.fixture
def config(tmp_path, monkeypatch):
    path = tmp_path / "conf" / "settings.json"
    monkeypatch.setenv("NIANBAO_CONFIG", str(path))
    return path


def test_defaults_without_a_file(config):
    assert config_path() == config
    assert load_settings() == Settings()
    assert reviewer_name() == getpass.getuser()


def test_save_and_load_keep_unknown_keys(config):
    config.parent.mkdir()
    config.write_text('{"reviewer": "王审", "theme": "dark"}', encoding="utf-8")
    s = load_settings()
    assert s.reviewer == "王审" and s.extra == {"theme": "dark"}
    s.reviewer = "李审"
    save_settings(s)
    assert load_settings() == Settings("李审", {"theme": "dark"})
    assert reviewer_name() == "李审"


def test_blank_reviewer_means_the_os_user(config):
    save_settings(Settings(reviewer="  "))
    assert reviewer_name() == getpass.getuser()


def test_broken_settings_say_what_to_do(config):
    config.parent.mkdir()
    config.write_text("{reviewer:", encoding="utf-8")
    with pytest.raises(SettingsError, match="fix or delete"):
        load_settings()
    config.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(SettingsError, match="JSON object"):
        load_settings()


def test_the_trail_is_signed_with_the_settings_reviewer(config, tmp_path):
    save_settings(Settings(reviewer="王审"))
    with open_review(tmp_path / "r.sqlite", checker=lambda r, previous=None: []) as review:
        doc = review.add_record(with_sha(truth_record("hongze-2023"), "a")).document_id
        review.apply_edit(doc, "requests.new.total", 22)
        assert review.history(doc)[0].who == "王审"
        assert review.document(doc).imported_by == "王审"


def test_a_missing_rules_engine_is_an_error_not_silence(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "app.rules", None)  # import app.rules now fails
    with open_review(tmp_path / "r.sqlite", reviewer="t") as review:
        assert review.list_documents() == []  # reading needs no rules
        with pytest.raises(CheckerMissingError, match="rules engine"):
            review.add_record(with_sha(truth_record("hongze-2023"), "a"))
        assert review.list_documents() == []  # and nothing half-stored
