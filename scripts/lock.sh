#!/bin/sh
# Refresh the test lock, constraints/test.txt: exact versions of every package the tests
# install, today's newest that pyproject.toml allows. Needs uv (pip install uv).
# Run it after changing pyproject.toml's dependencies, then .ci/run, and commit both.
set -eu
cd "$(dirname "$0")/.."
uv pip compile pyproject.toml --extra test --python-version 3.11 --universal \
  --custom-compile-command "sh scripts/lock.sh" --quiet -o constraints/test.txt "$@"
echo "constraints/test.txt refreshed; run .ci/run before committing it"
