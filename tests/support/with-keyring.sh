#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring-daemon, so
# keychain tests talk to a real Secret Service without touching the user's own keyring.
set -euo pipefail
if [ -z "${PENPAL_IN_KEYRING_SESSION:-}" ]; then
    export PENPAL_IN_KEYRING_SESSION=1
    exec dbus-run-session -- "$0" "$@"
fi
tmp=$(mktemp -d)
trap 'kill "${GNOME_KEYRING_PID:-0}" 2>/dev/null || true; rm -rf "$tmp"' EXIT
export HOME="$tmp" XDG_DATA_HOME="$tmp/data" XDG_RUNTIME_DIR="$tmp/run" XDG_CONFIG_HOME="$tmp/config"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR" "$XDG_CONFIG_HOME"
chmod 700 "$XDG_RUNTIME_DIR"
# --unlock reads the login keyring's password from stdin and creates the keyring unlocked.
eval "$(printf 'penpal-test' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL GNOME_KEYRING_PID
"$@"
