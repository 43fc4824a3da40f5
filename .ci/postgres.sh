#!/usr/bin/env bash
# Makes PostgreSQL's initdb and pg_ctl available for the store tests (they start their own throw-away cluster).
# Idempotent and quiet: installs Debian's postgresql only when the binaries are found nowhere.
set -euo pipefail
found() {
  command -v initdb >/dev/null && command -v pg_ctl >/dev/null && return 0
  for d in /usr/lib/postgresql/*/bin; do [[ -x $d/initdb && -x $d/pg_ctl ]] && return 0; done
  return 1
}
if ! found; then
  if [[ $(id -u) -ne 0 ]]; then echo "postgres.sh: PostgreSQL is missing and this is not root; install postgresql" >&2; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  found || { echo "postgres.sh: postgresql installed but initdb/pg_ctl not found" >&2; exit 1; }
fi
echo "postgres: $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | tail -n 1 || command -v initdb)"
