"""The scheduling examples in contrib/ run as written (issue 16 item 4): the cron line, the
systemd service's ExecStart and the CI workflow's build step, each in a scratch project
with briefgen installed in a virtual environment that is on no PATH, their paths
substituted for the examples' placeholders."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from briefgen.scaffold import SPEC
from tests.test_build import ROOT
from tests.test_init import age

CONTRIB = ROOT / "contrib"
BARE_PATH = "/usr/bin:/bin"  # cron's and a service's PATH: no venv, no ~/.local/bin


def make_venv(folder: Path) -> Path:
    """A virtual environment whose bin/briefgen is a console script, as pip writes one.

    It sees the test's briefgen through PYTHONPATH (a real install needs none).
    """
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", "--system-site-packages",
                    str(folder)], check=True, timeout=120)
    script = folder / "bin" / "briefgen"
    script.write_text(f"#!{folder / 'bin' / 'python'}\nimport sys\nfrom briefgen.cli import "
                      "main\nsys.exit(main())\n", encoding="utf-8")
    script.chmod(0o755)
    return script


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A home folder with a project in briefs/ (made by `briefgen init`) and its .venv."""
    home = tmp_path_factory.mktemp("home")
    project = home / "briefs"
    subprocess.run([sys.executable, "-m", "briefgen", "init", str(project)], check=True,
                   capture_output=True, timeout=120)
    make_venv(project / ".venv")
    return home


@pytest.fixture()
def project(home: Path) -> Path:
    """The project, as before any build."""
    project = home / "briefs"
    shutil.rmtree(project / "out", ignore_errors=True)
    (project / "config" / "example.yaml").write_text(SPEC, encoding="utf-8")
    age(project)
    return project


def environment(home: Path, **values: str) -> dict[str, str]:
    """What a scheduler gives a job: HOME, the job's own variables, a bare PATH; and what
    this test needs (briefgen's source, a private parse cache)."""
    return {"HOME": str(home), "PATH": BARE_PATH, "LANG": "C.UTF-8",
            "PYTHONPATH": os.environ.get("PYTHONPATH", str(ROOT)),
            "BRIEFGEN_CACHE_DIR": os.environ.get("BRIEFGEN_CACHE_DIR", "off"), **values}


def run(argv: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True, check=False,
                          timeout=300)


def break_spec(project: Path) -> None:
    spec = project / "config" / "example.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("sections:", "sections: ["),
                    encoding="utf-8")


def test_a_bare_briefgen_is_not_found_on_a_schedulers_path(home: Path) -> None:
    """Why the examples name the venv's briefgen: the bare name fails (exit 127)."""
    if shutil.which("briefgen", path=BARE_PATH):
        pytest.skip("briefgen is installed system-wide here")
    assert run(["/bin/sh", "-c", "briefgen --version"], environment(home), home).returncode == 127


def cron_job(home: Path) -> tuple[dict[str, str], str]:
    """The crontab's variables and its job's command, the placeholder home replaced."""
    text = (CONTRIB / "cron" / "briefgen.cron").read_text(encoding="utf-8")
    text = text.replace("/home/you", str(home))
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    *settings, job = lines
    variables = {}
    for line in settings:
        name, value = re.fullmatch(r"(\w+)=(.*)", line).groups()  # type: ignore[union-attr]
        variables[name] = value
    fields = job.split(None, 5)
    assert fields[:5] == ["15", "2", "*", "*", "*"]
    return variables, fields[5]


def test_the_cron_line_mails_only_news(home: Path, project: Path) -> None:
    variables, command = cron_job(home)
    assert variables["PATH"] == BARE_PATH and variables["BRIEFS"] == str(project)
    env = environment(home, **variables)
    shell = variables.get("SHELL", "/bin/sh")
    first = run([shell, "-c", command], env, home)
    assert (first.returncode, first.stderr) == (0, "")
    assert first.stdout == "config/example.yaml: wrote out/example.docx, out/example.pdf\n"
    again = run([shell, "-c", command], env, home)
    assert (again.returncode, again.stdout, again.stderr) == (0, "", "")  # no news, no mail
    break_spec(project)
    failed = run([shell, "-c", command], env, home)
    assert failed.returncode == 2 and failed.stdout == ""
    assert failed.stderr.startswith("error: config/example.yaml:")  # mailed: an error
    assert len(failed.stderr.splitlines()) == 1


def service(home: Path) -> tuple[dict[str, str], list[str]]:
    """The unit's Environment= values and ExecStart= command line, %h replaced."""
    text = (CONTRIB / "systemd" / "briefgen.service").read_text(encoding="utf-8")
    body = text.split("[Service]", 1)[1].replace("%h", str(home))
    settings = [line.split("=", 1) for line in body.splitlines()
                if "=" in line and not line.startswith("#")]
    env = dict(value.split("=", 1) for key, value in settings if key == "Environment")
    (command,) = [value for key, value in settings if key == "ExecStart"]
    assert "WorkingDirectory" not in dict(settings)  # the command goes to BRIEFS itself
    return env, shlex.split(command)


def test_the_systemd_service_runs(home: Path, project: Path) -> None:
    values, argv = service(home)
    assert values == {"BRIEFS": str(project)}
    env = environment(home, **values)
    first = run(argv, env, Path("/"))
    assert (first.returncode, first.stderr) == (0, "")
    assert first.stdout == "config/example.yaml: wrote out/example.docx, out/example.pdf\n"
    assert run(argv, env, Path("/")).stdout == ""
    timer = (CONTRIB / "systemd" / "briefgen.timer").read_text(encoding="utf-8")
    assert "OnCalendar=*-*-* 02:15:00" in timer


def build_step() -> str:
    workflow = yaml.safe_load((CONTRIB / "ci" / "briefgen-nightly.yml").read_text("utf-8"))
    (step,) = [s for s in workflow["jobs"]["build"]["steps"] if s.get("name") == "Build"]
    assert "shell" not in step  # GitHub runs it with its default: bash -e {file}
    return step["run"]


def ci_run(script: str, project: Path, home: Path) -> subprocess.CompletedProcess[str]:
    """The step as GitHub Actions runs it, briefgen on the PATH as `pip install` puts it."""
    step = home / "step.sh"
    step.write_text(script, encoding="utf-8")
    env = environment(home, PATH=f"{project / '.venv' / 'bin'}:{BARE_PATH}")
    return run(["bash", "--noprofile", "--norc", "-e", str(step)], env, project)


def test_the_ci_build_step_keeps_briefgens_exit_status(home: Path, project: Path) -> None:
    script = build_step()
    good = ci_run(script, project, home)
    assert good.returncode == 0, good.stderr
    assert json.loads((project / "build-summary.json").read_text())["exit_code"] == 0
    broken = project / "speeches" / "example-closing-remarks.txt"
    kept = broken.read_text(encoding="utf-8")
    broken.write_text("\n", encoding="utf-8")
    try:
        failed = ci_run(script, project, home)
        assert failed.returncode == 1  # the brief failed: so does the run
        summary = json.loads((project / "build-summary.json").read_text())
        assert summary["exit_code"] == 1 and summary["specs"][0]["status"] == "failed"
        # Without pipefail, tee's status would be the step's: the run would pass.
        assert ci_run(script.replace("set -o pipefail", ""), project, home).returncode == 0
    finally:
        broken.write_text(kept, encoding="utf-8")
        (project / "build-summary.json").unlink()
