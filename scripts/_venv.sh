# Shared by scripts/*: make sure .venv exists and holds the project with the given extras.
# Re-installs only when pyproject.toml changed since the last install.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PYTHON_BIN="${PYTHON:-python3}"
ensure_venv() {
    local extras="$1"
    if [ ! -x "$VENV/bin/python" ]; then
        echo "Creating $VENV ..." >&2
        "$PYTHON_BIN" -m venv "$VENV"
        "$VENV/bin/python" -m pip install --quiet --upgrade pip
    fi
    local stamp="$VENV/.installed-$extras"
    if [ ! -f "$stamp" ] || [ "$ROOT/pyproject.toml" -nt "$stamp" ]; then
        echo "Installing treadmill-tui[$extras] into .venv ..." >&2
        if ! "$VENV/bin/python" -m pip install --quiet -e "$ROOT[$extras]" \
            > "$VENV/pip-install.log" 2>&1; then
            cat "$VENV/pip-install.log" >&2
            echo "Could not install treadmill-tui[$extras]; the log above says why." >&2
            exit 1
        fi
        touch "$stamp"
    fi
}
