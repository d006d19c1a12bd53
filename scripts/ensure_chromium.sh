#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (never a browser downloaded by Playwright) and need a CJK
# font for Chinese screenshots. Install both when missing and we are allowed to.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fc-list 2>/dev/null | grep -qi "wenquanyi\|wqy" || missing+=(fonts-wqy-microhei)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Browser tests need: ${missing[*]}. Install them (sudo apt-get install ${missing[*]}) and retry." >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
