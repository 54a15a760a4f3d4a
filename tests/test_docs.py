"""Every command and option a user can type is documented in the README."""

from __future__ import annotations

from pathlib import Path

import click

from sourcetrace.cli import cli

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_command_and_option_is_in_the_readme() -> None:
    assert isinstance(cli, click.Group)
    missing = []
    for name, command in cli.commands.items():
        if f"sourcetrace {name}" not in README:
            missing.append(f"command {name}")
        for param in command.params:
            if isinstance(param, click.Option):
                for opt in param.opts + param.secondary_opts:
                    if opt.startswith("--") and opt not in README:
                        missing.append(f"{name} {opt}")
    assert not missing, f"undocumented in README.md: {missing}"


def test_every_error_code_is_in_the_readme() -> None:
    import sourcetrace.errors as errors

    for name in errors.__all__:
        kind = getattr(errors, name)
        if not isinstance(kind, type):
            continue  # a function (error_for)
        if issubclass(kind, Warning):
            assert name in README, f"the warning {name} is not documented"
            continue
        code = kind.code
        if code != "E000":
            assert f"`{code}`" in README, f"{name} ({code}) is not documented"
