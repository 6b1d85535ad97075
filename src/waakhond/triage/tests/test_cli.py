"""The command line, end to end through main([...])."""

import json

from waakhond.triage.cli import main
from waakhond.triage.tests.cases import DRONTEN_NL, NEWSLETTER_NL


def _write(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_triage_writes_one_result_per_input_line(tmp_path):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _write(
        src,
        [
            json.dumps({"id": "a", "text": DRONTEN_NL, "received_on": "2021-11-19"}),
            json.dumps({"id": "b", "text": NEWSLETTER_NL, "organisation": "Kledingwinkel"}),
        ],
    )
    assert main(["triage", str(src), "-o", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["a", "b"]
    for key in (
        "language",
        "articles",
        "categories",
        "controller",
        "dpia",
        "priority",
        "lane",
        "facts",
        "version",
    ):
        assert key in rows[0]
    assert rows[0]["priority"]["band"] == "high"


def test_a_bad_line_is_reported_with_its_number_and_skipped(tmp_path, capsys):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _write(
        src,
        [
            json.dumps({"id": "a", "text": "De gemeente filmt mij."}),
            "{not json",
            json.dumps({"id": "c"}),
            json.dumps({"id": "d", "text": "Ik krijg spam."}),
        ],
    )
    assert main(["triage", str(src), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "line 2" in err and "line 3" in err
    assert "Traceback" not in err
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


def test_triage_reads_standard_input_and_writes_standard_output(monkeypatch, capsys):
    import io

    monkeypatch.setattr(
        "sys.stdin", io.StringIO(json.dumps({"id": "s", "text": DRONTEN_NL}) + "\n")
    )
    assert main(["triage", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["id"] == "s"


def test_eval_prints_scores_per_field_label_and_language(tmp_path, capsys):
    data = tmp_path / "dev.jsonl"
    _write(
        data,
        [
            json.dumps(
                {
                    "text": DRONTEN_NL,
                    "language": "nl",
                    "articles": [5, 6, 13, 35],
                    "lane": "investigate",
                    "priority": {"band": "high"},
                    "controller": {"type": "public", "sector": "municipality"},
                }
            ),
            json.dumps(
                {
                    "text": "I unsubscribed but still get their newsletter.",
                    "language": "en",
                    "articles": [21],
                    "categories": ["objection", "direct_marketing"],
                }
            ),
        ],
    )
    assert main(["eval", str(data)]) == 0
    out = capsys.readouterr().out
    assert "articles" in out and "priority.band" in out and "controller.sector" in out
    assert "language nl" in out and "language en" in out


def test_eval_json_is_machine_readable(tmp_path, capsys):
    data = tmp_path / "dev.jsonl"
    _write(data, [json.dumps({"text": DRONTEN_NL, "language": "nl", "articles": [5, 6]})])
    assert main(["eval", str(data), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["overall"]["articles"]["micro"]["f1"] > 0


def test_eval_reads_the_public_tsv_and_masks_article_numbers(tmp_path, capsys):
    tsv = tmp_path / "gdpr_violations.tsv"
    header = "id\tpicture\tname\tprice\tauthority\tdate\tcontroller\tarticle_violated\ttype\tsource\tsummary"
    row = (
        "1\tx\tSpain\t1000\tAEPD\t01/01/2020\tShop\tArt. 32 GDPR|Art. 5 (1) f) GDPR\t"
        "Failure to implement sufficient measures to ensure information security\thttp://x\t"
        "The company violated Art. 32 GDPR: insufficient security measures led to a data breach; fined €10,000."
    )
    tsv.write_text(header + "\n" + row + "\n", encoding="utf-8")
    assert main(["eval", str(tsv), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["overall"]["articles"]["n"] == 1


def test_masking_hides_articles_and_amounts():
    from waakhond.triage.evaluation import mask_summary, parse_articles

    masked = mask_summary(
        "It breached Art. 5 (1) c) GDPR and Article 32; fined €10,000 (PLN 40.000)."
    )
    assert (
        "5" not in masked
        and "32" not in masked
        and "10,000" not in masked
        and "40.000" not in masked
    )
    assert parse_articles("Art. 5 (1) c) GDPR|Art.14 GDPR|Art 6 (1) GDPR")[0] == [5, 6, 14]


def test_usage_errors_return_a_code_not_an_exception(capsys):
    assert main(["nonsense"]) == 2
    assert main([]) == 2
