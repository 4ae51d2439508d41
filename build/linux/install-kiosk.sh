#!/bin/sh
# Installs the smart-shelf kiosk (browser fallback) on Debian/Ubuntu for a store technician:
# a `kiosk` account that logs in automatically, the app under /opt/smart-shelf/<release>/ with
# /opt/smart-shelf/current pointing at it, data under /var/lib/smart-shelf, and a systemd unit.
# Usage (as root): sh install-kiosk.sh <release-archive.tar.gz>
# See docs/kiosk-deployment.md. Nothing here has run on a real store machine yet.
set -eu

ARCHIVE="${1:?usage: install-kiosk.sh <release-archive.tar.gz>}"
APPS=/opt/smart-shelf
DATA=/var/lib/smart-shelf
HERE="$(cd "$(dirname "$0")" && pwd)"

[ "$(id -u)" -eq 0 ] || { echo "run as root (sudo sh install-kiosk.sh ...)" >&2; exit 1; }

echo "1/6 packages: Node.js, Chromium, socat, CJK fonts, a minimal X session with auto-login"
apt-get update
apt-get install -y --no-install-recommends nodejs chromium socat fonts-noto-cjk xserver-xorg xinit lightdm openbox unclutter

echo "2/6 the kiosk account (no password, no sudo; serial ports through the dialout group)"
id kiosk >/dev/null 2>&1 || adduser --disabled-password --gecos "Smart shelf kiosk" kiosk
usermod -aG dialout kiosk

echo "3/6 auto-login into a bare openbox session"
mkdir -p /etc/lightdm/lightdm.conf.d
cat > /etc/lightdm/lightdm.conf.d/50-smart-shelf.conf <<CONF
[Seat:*]
autologin-user=kiosk
autologin-session=openbox
xserver-command=X -s 0 -dpms -nocursor
CONF

echo "4/6 the release"
SEQ_VERSION="$(tar -xzOf "$ARCHIVE" ./release.json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const r=JSON.parse(s);console.log(r.seq+"-"+r.version)})')"
mkdir -p "$APPS/$SEQ_VERSION" "$DATA" /etc/smart-shelf
tar -xzf "$ARCHIVE" -C "$APPS/$SEQ_VERSION"
ln -sfn "$SEQ_VERSION" "$APPS/current.new" && mv -T "$APPS/current.new" "$APPS/current"
chown -R kiosk:kiosk "$APPS" "$DATA"
chmod 0700 "$DATA"
[ -f /etc/smart-shelf/kiosk.env ] || printf '%s\n' '# KIOSK_HARDWARE=serial' '# KIOSK_PLATFORM_URL=https://...' '# KIOSK_PLATFORM_KEYS=...' '# KIOSK_ENROL_CODE=...' > /etc/smart-shelf/kiosk.env
chmod 0640 /etc/smart-shelf/kiosk.env
chgrp kiosk /etc/smart-shelf/kiosk.env

echo "5/6 the systemd unit"
install -m 0644 "$HERE/smart-shelf-kiosk.service" /etc/systemd/system/smart-shelf-kiosk.service
systemctl daemon-reload
systemctl enable smart-shelf-kiosk.service

echo "6/6 done: reboot, the kiosk starts by itself. Logs: $DATA/logs/kiosk.log and journalctl -u smart-shelf-kiosk"
