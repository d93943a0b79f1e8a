"""The command line as a user meets it: exit codes and one-line errors."""

import signal
import subprocess
import sys
from pathlib import Path

import pytest


def digest(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "digest", *args], cwd=cwd, text=True,
                          capture_output=True, timeout=120)


def test_ingest_then_build_prints_one_summary_line(project: Path) -> None:
    first = digest(project, "ingest", "seeds")
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip().splitlines()[-1] == "ingested 5 files: 5 written"
    again = digest(project, "ingest", "seeds")
    assert again.stdout.strip().splitlines()[-1] == "ingested 5 files: 5 unchanged"
    result = digest(project, "build")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("built 5 entries into ")
    assert (project / "site" / "index.html").is_file()


def test_broken_entry_is_one_line_exit_1_and_no_traceback(project: Path) -> None:
    (project / "content").mkdir()
    (project / "content" / "bad.md").write_text("---\ntitle: ok\ndate: 31/10/2024\n---\nBody\n")
    result = digest(project, "build")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "bad.md:3: error: date '31/10/2024' is not an ISO 8601 date" in result.stderr
    assert not (project / "site").exists()


def test_config_error_is_exit_2(project: Path) -> None:
    (project / "digest.yaml").write_text("topics: [\n")
    result = digest(project, "build")
    assert result.returncode == 2
    assert "digest.yaml:" in result.stderr and "Traceback" not in result.stderr


def test_usage_error_is_exit_2(project: Path) -> None:
    assert digest(project, "build", "--no-such-flag").returncode == 2


def test_strict_fails_on_warnings(project: Path) -> None:
    (project / "digest.yaml").write_text("title: T\ncolour: red\n")
    (project / "content").mkdir()
    (project / "content" / "a.md").write_text("---\ntitle: A\n---\nBody\n")
    assert digest(project, "build").returncode == 0
    strict = digest(project, "build", "--strict")
    assert strict.returncode == 1 and "unknown key `colour`" in strict.stderr


def test_ingest_with_conflict_exits_1(project: Path) -> None:
    digest(project, "ingest", "seeds")
    entry = next((project / "content").rglob("putin-will-not*.md"))
    entry.write_text(entry.read_text().replace("title: Putin", "title: Edited Putin"))
    raw = project / "seeds" / "000_e620c4a7f37ddf05.txt"
    raw.write_text(raw.read_text() + "\nUpdate appended.\n")
    result = digest(project, "ingest", "seeds")
    assert result.returncode == 1
    assert "conflict" in result.stdout and "not overwritten" in result.stderr
    assert "Edited Putin" in entry.read_text()


def test_check_reports_path_line_level_and_exit_codes(project: Path) -> None:
    content = project / "content"
    content.mkdir()
    (content / "ok.md").write_text(
        "---\ntitle: A\nreview: [date]\ntopics: [Kursk region]\n---\nB\n")
    assert digest(project, "check").returncode == 0
    strict = digest(project, "check", "--strict")
    assert strict.returncode == 1
    assert "ok.md:3: warning: needs review: date (fill these in" in strict.stderr
    (content / "typo.md").write_text("---\ntitle: B\ntopics: [Kursk regoin]\n---\nB\n")
    (content / "bad.md").write_text("---\ntitle: C\ndate: 2024-13-01\n---\nB\n")
    result = digest(project, "check")
    assert result.returncode == 1
    assert "typo.md:3: warning: topic `Kursk regoin` is not defined" in result.stderr
    assert "bad.md:3: error:" in result.stderr
    assert result.stdout.strip() == "checked: 1 errors, 2 warnings"


def test_a_build_with_nothing_changed_does_not_load_the_pipeline(project: Path) -> None:
    # What makes a no-change build cost Python's start-up and a stat of every entry
    # file, not the import of markdown-it, Jinja2 and the pipeline (~0.4 s).
    assert digest(project, "ingest", "seeds").returncode == 0
    assert digest(project, "build").returncode == 0
    probe = ("import sys; from digest.cli import main; code = main(['build']); "
             "print(code, sorted(m for m in ('digest.build', 'jinja2', 'markdown_it') "
             "if m in sys.modules))")
    again = subprocess.run([sys.executable, "-c", probe], cwd=project, text=True,
                           capture_output=True, timeout=120)
    assert again.stdout.splitlines()[-1] == "0 []"
    assert "0 re-rendered" in again.stdout.splitlines()[0]
    (project / "content").joinpath("extra.md").write_text("---\ntitle: New\n---\nBody\n")
    changed = subprocess.run([sys.executable, "-c", probe], cwd=project, text=True,
                             capture_output=True, timeout=120)
    assert changed.stdout.splitlines()[-1] == "0 ['digest.build', 'jinja2', 'markdown_it']"
    assert changed.stdout.startswith("built 6 entries")


def test_timings_name_each_stage_with_its_items(project: Path) -> None:
    assert digest(project, "ingest", "seeds").returncode == 0
    first = digest(project, "build", "--timings").stdout.splitlines()
    stages = {line.split()[0]: line.split()[3:] for line in first[1:-2]}
    assert first[0].split() == ["stage", "wall", "s", "cpu", "s", "items"]
    assert {"check", "load", "extract", "link", "plan", "write", "commit"} <= set(stages)
    assert stages["extract"] == ["5", "entries"] and stages["load"] == ["5", "files"]
    assert first[-2].startswith("total") and first[-1].startswith("built 5 entries")
    # Nothing changed: the check is all there is to time.
    again = digest(project, "build", "--timings").stdout.splitlines()
    assert [line.split()[0] for line in again[1:-1]] == ["check", "total"]
    assert "--timings" not in digest(project, "build").stdout


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_serve_stops_cleanly_on_ctrl_c_and_on_sigterm(project: Path, stop: int) -> None:
    assert digest(project, "ingest", "seeds").returncode == 0
    server = subprocess.Popen(
        [sys.executable, "-m", "digest", "serve", "--port", "0"], cwd=project, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        # Ctrl-C as in a terminal, even when the test runner was started in the background
        # (where SIGINT is inherited as ignored).
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert server.stderr is not None
    lines = []
    for line in server.stderr:
        lines.append(line)
        if line.startswith("serving "):
            break
    assert lines and lines[-1].startswith("serving "), "".join(lines)
    server.send_signal(stop)
    try:
        _, rest = server.communicate(timeout=30)
    finally:
        server.kill()
    assert server.returncode == 0
    assert "stopping" in rest and "Traceback" not in rest
