#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring-daemon, so
# keychain tests talk to a real Secret Service without touching the user's own keyring.
set -euo pipefail
if [ -z "${PENPAL_IN_KEYRING_SESSION:-}" ]; then
    export PENPAL_IN_KEYRING_SESSION=1
    exec dbus-run-session -- "$0" "$@"
fi
tmp=$(mktemp -d)
export HOME="$tmp" XDG_DATA_HOME="$tmp/data" XDG_RUNTIME_DIR="$tmp/run" XDG_CONFIG_HOME="$tmp/config"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR" "$XDG_CONFIG_HOME"
chmod 700 "$XDG_RUNTIME_DIR"

# qtkeychain picks its backend from the desktop environment: on a KDE session it would try
# KWallet first. Pretend to be GNOME so it goes straight to libsecret (loaded at run time from
# libsecret-1.so.0), i.e. to the Secret Service below. libsecret answers through the GLib main
# loop, which Qt only runs with its GLib event dispatcher, so QT_NO_GLIB must not be set.
export XDG_CURRENT_DESKTOP=GNOME
unset KDE_FULL_SESSION KDE_SESSION_VERSION DESKTOP_SESSION GNOME_DESKTOP_SESSION_ID QT_NO_GLIB

# --unlock reads the login keyring's password from stdin and creates the keyring unlocked.
# --foreground keeps the daemon our child so we know its pid: with only the "secrets"
# component it prints no GNOME_KEYRING_PID, and `kill 0` would hit our whole process group.
printf 'penpal-test' | gnome-keyring-daemon --foreground --unlock --components=secrets \
    >"$tmp/keyring.log" 2>&1 &
keyring_pid=$!
trap 'kill "$keyring_pid" 2>/dev/null || true; wait "$keyring_pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT

# Wait (bounded) until the daemon owns the Secret Service name. Otherwise the first request
# could D-Bus-activate a second, locked gnome-keyring-daemon from its .service file.
owned=false
for _ in $(seq 100); do
    if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
        grep -q 'boolean true'; then
        owned=true
        break
    fi
    if ! kill -0 "$keyring_pid" 2>/dev/null; then
        break
    fi
    sleep 0.1
done
if [ "$owned" != true ]; then
    echo "with-keyring.sh: gnome-keyring-daemon did not provide org.freedesktop.secrets" >&2
    cat "$tmp/keyring.log" >&2 || true
    exit 1
fi

"$@"
