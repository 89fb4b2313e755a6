"""yamlload.safe_load: libyaml where available, with PyYAML's own results and error messages."""

from __future__ import annotations

import pytest
import yaml

from guancha import yamlload

DOCUMENTS = [
    "heuristics:\n  - id: prefer-primary\n    because: >\n      folded\n      text\n    confidence: 0.8\n",
    "- id: a\n  tags: [x, y]\n- id: b\n  when: '2026-05-02'\n  at: 2026-05-02\n",
    "[]\n",
    "plain: 'quoted: colon'\nnumber: 0x1F\nnothing: ~\n",
]
BROKEN = [
    "- id: a\n because: x\n   confidence: 0.5\n",
    "key: [unclosed\n",
    "a: b: c\n",
    "- id: \"open\n",
]


@pytest.mark.parametrize("text", DOCUMENTS)
def test_same_data_as_pyyaml(text: str) -> None:
    assert yamlload.safe_load(text) == yaml.safe_load(text)


@pytest.mark.parametrize("text", BROKEN)
def test_errors_are_pyyamls_own(text: str) -> None:
    with pytest.raises(yaml.YAMLError) as expected:
        yaml.safe_load(text)
    with pytest.raises(yaml.YAMLError) as got:
        yamlload.safe_load(text)
    assert str(got.value) == str(expected.value)


def test_untrusted_tags_are_refused() -> None:
    with pytest.raises(yaml.YAMLError):
        yamlload.safe_load("!!python/object/apply:os.system ['true']\n")
