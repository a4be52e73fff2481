#!/usr/bin/env bash
# The README's quickstart on the example blog (SQLite, no server needed):
# init → revision --autogenerate → upgrade head → current → check, in ./quickstart-demo.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
demo="$root/quickstart-demo"
em() { echo "\$ entity-migrate $*"; node "$root/bin/entity-migrate.js" "$@"; }

rm -rf "$demo"
mkdir -p "$demo"
cp -r "$root/entities-example" "$demo/entities"
cd "$demo"

em init --data-source ./entities/data-source.ts
em revision --autogenerate -m "create blog tables"
em upgrade head
em current
em history
em check
echo "Quickstart done: see $demo (blog.sqlite, migrations/versions/)."
