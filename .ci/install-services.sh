#!/usr/bin/env bash
# CI: the services the integration tests run for real (redis-server for the Redis state store and the replica
# test, nginx in front of the replicas, chromium for the report page). Debian packages; a no-op when all are
# present, and `apt-get update` only when something is missing. The tests start their own instances on free
# ports, so the system services apt may start are stopped again.
set -euo pipefail

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# A CJK font, so the report page's screenshot (scripts/report-demo.ts) shows Chinese instead of boxes.
fc-list 2>/dev/null | grep -qi -e 'wenquanyi' -e 'cjk' || missing+=(fonts-wqy-microhei)

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-services: redis-server, nginx and chromium are present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

echo "install-services: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"

# Tests run their own redis-server and nginx; do not leave the distribution's services running.
for svc in redis-server nginx; do
  if command -v service >/dev/null 2>&1; then $SUDO service "$svc" stop >/dev/null 2>&1 || true; fi
done
