#!/usr/bin/env bash
# Install Debian's Chromium and its WebDriver for the browser test (tests/web/test_browser.py).
# Idempotent; exits 0 with a message when it cannot install (the browser test then skips).
set -u
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    echo "install-browser: chromium and chromedriver are already installed"
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-browser: no apt-get here; install chromium and chromium-driver yourself (the browser test will skip)"
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        echo "install-browser: not root and no password-less sudo; the browser test will skip"
        exit 0
    fi
fi
if $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver; then
    echo "install-browser: installed $(/usr/bin/chromium --version 2>/dev/null)"
else
    echo "install-browser: apt-get could not install chromium/chromium-driver; the browser test will skip"
fi
exit 0
