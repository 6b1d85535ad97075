"""`waakhond triage --jobs N`: the same output, messages and exit code as one process."""

from __future__ import annotations

import json

import pytest

from waakhond.triage import cli


def _lines(n: int) -> list[str]:
    texts = [
        "Ik heb op 3 maart 2025 een inzageverzoek gedaan bij de gemeente Utrecht.",
        "My employer forces us to clock in with our fingerprint.",
        "De webshop vraagt bij het registreren verplicht mijn BSN.",
    ]
    out = []
    for i in range(n):
        if i % 97 == 5:
            out.append("not json")
        elif i % 131 == 7:
            out.append(json.dumps({"id": f"x{i}"}))
        elif i % 89 == 3:
            out.append("")
        else:
            out.append(json.dumps({"id": f"c{i}", "text": texts[i % 3]}))
    return out


def _run(tmp_path, capsys, lines: list[str], jobs: int) -> tuple[int, list[str], str]:
    src = tmp_path / "in.jsonl"
    dst = tmp_path / f"out{jobs}.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code = cli.main(["triage", str(src), "-o", str(dst), "--jobs", str(jobs)])
    return code, dst.read_text(encoding="utf-8").splitlines(), capsys.readouterr().err


@pytest.mark.parametrize("jobs", [2, 3])
def test_jobs_keep_input_order_and_error_lines(tmp_path, capsys, monkeypatch, jobs):
    monkeypatch.setattr(cli, "CHUNK_LINES", 16)  # many chunks, so order across workers matters
    lines = _lines(300)
    code1, out1, err1 = _run(tmp_path, capsys, lines, 1)
    code_n, out_n, err_n = _run(tmp_path, capsys, lines, jobs)
    assert code1 == code_n == 1
    assert out_n == out1
    assert [json.loads(x)["id"] for x in out_n] == [
        json.loads(x)["id"] for x in lines if x.strip() and x != "not json" and "text" in x
    ]
    assert err_n == err1
    assert "line 6: skipped:" in err_n  # lines counted from 1, blank ones included
    assert "line 8: skipped: field 'text' is missing" in err_n


def test_jobs_all_good_exit_zero(tmp_path, capsys):
    lines = [json.dumps({"id": str(i), "text": "Mijn buurman filmt mijn tuin."}) for i in range(40)]
    code, out, err = _run(tmp_path, capsys, lines, 2)
    assert code == 0 and err == ""
    assert [json.loads(x)["id"] for x in out] == [str(i) for i in range(40)]


def test_jobs_must_be_positive(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "1", "text": "x"}\n', encoding="utf-8")
    code = cli.main(["triage", str(src), "-o", str(tmp_path / "out.jsonl"), "--jobs", "0"])
    assert code == 2 and "--jobs" in capsys.readouterr().err


def test_default_jobs_is_available_cpus():
    assert cli.default_jobs() >= 1
