# Shared by scripts/*: Debian packages the tests use, installed with apt-get only when missing.
# espeak-ng: the speech engine for spoken cues (tests of the real engine skip, saying why, only
# when it cannot be installed here: no apt-get, or not root and no sudo).
ensure_debian() {
    local missing=() pkg
    command -v dpkg >/dev/null 2>&1 || { echo "scripts: no dpkg here; not installing $*" >&2; return 0; }
    for pkg in "$@"; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    [ "${#missing[@]}" -eq 0 ] && return 0
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || {
            echo "scripts: cannot install ${missing[*]} (not root, no sudo)" >&2
            return 0
        }
        sudo="sudo -n"
    fi
    echo "Installing Debian packages: ${missing[*]} ..." >&2
    if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
        $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >/dev/null 2>&1; then
        echo "scripts: could not install ${missing[*]}; the tests that need them are skipped" >&2
    fi
    return 0
}
