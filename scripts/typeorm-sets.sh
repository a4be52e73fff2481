#!/usr/bin/env bash
# TypeORM's own test entity sets through the built CLI, as a user runs it: for each set,
# `revision --autogenerate` on an empty database → `upgrade head` → `check` → `downgrade base` →
# `upgrade head`. Finds autogenerate false diffs and revisions that fail to apply on entity shapes no
# one here wrote (issue 14). Not part of the tests: it needs a checkout of typeorm/typeorm (the
# library's `fetch github:typeorm/typeorm` gives a git mirror) and takes about 8 s per set.
#
#   scripts/typeorm-sets.sh MIRROR postgres|sqlite [OUT]     (run `npm run build` first)
#
# MIRROR is the mirror's git directory; OUT (default /tmp/typeorm-sets) gets cases/, work/, results/.
# Re-running skips sets that have a result; delete results/<dialect>/<set>.txt to run one again.
# Prints each set whose loop was not clean: set, first failing step, first line of its output.
set -uo pipefail
mirror="$1"; dialect="$2"; out="${3:-/tmp/typeorm-sets}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cli="$root/bin/entity-migrate.js"
pg="postgres://postgres@127.0.0.1:5432"
export PGOPTIONS="-c client_min_messages=warning"

# Sets: every entity/ folder of test/functional and test/github-issues, TypeORM's src imported as
# `typeorm`; mongo sets, sets importing test utils, and sets whose test leaves this database out skipped.
if [ ! -d "$out/cases" ]; then
  mkdir -p "$out/cases" "$out/src"
  git -C "$mirror" archive HEAD test/github-issues test/functional | tar x -C "$out/src"
  find "$out/src" -type d -name entity | while read -r dir; do
    parent="$(dirname "$dir")"
    name="$(echo "${parent#"$out/src/test/"}" | tr '/' '_')"
    grep -rqs "mongodb\|ObjectIdColumn" "$dir" && continue
    grep -rqsE "from \"(\.\./)+utils" "$dir" && continue
    mkdir -p "$out/cases/$name"
    cp -r "$dir" "$out/cases/$name/entity"
    grep -hoE "enabledDrivers: *\[[^]]*\]" "$parent"/*.ts 2>/dev/null | head -1 > "$out/cases/$name/drivers"
    find "$out/cases/$name/entity" -name '*.ts' -exec sed -i -E "s#from [\"'](\.\./)+src(/[^\"']*)?[\"']#from \"typeorm\"#" {} \;
  done
fi

driver_name() { [ "$dialect" = sqlite ] && echo '"better-sqlite3"\|"sqlite"' || echo "\"$dialect\""; }
mkdir -p "$out/results/$dialect"
for case_dir in "$out"/cases/*/; do
  name="$(basename "$case_dir")"
  drivers="$(cat "$case_dir/drivers")"
  if [ -n "$drivers" ] && ! echo "$drivers" | grep -q "$(driver_name)"; then continue; fi
  result="$out/results/$dialect/$name.txt"
  [ -f "$result" ] && continue
  work="$out/work/$dialect/$name"
  rm -rf "$work"; mkdir -p "$work/migrations/versions"; cp -r "$case_dir/entity" "$work/entity"
  ln -s "$root/node_modules" "$work/node_modules"
  db="typeorm_set_$(echo "$name" | md5sum | cut -c1-12)"
  if [ "$dialect" = postgres ]; then
    psql -q "$pg/postgres" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
    echo "{\"type\":\"postgres\",\"url\":\"$pg/$db\",\"entities\":[\"entity/**/*.ts\"],\"migrationsDir\":\"migrations\"}" > "$work/entity-migrate.config.json"
  else
    echo "{\"type\":\"better-sqlite3\",\"database\":\"db.sqlite\",\"entities\":[\"entity/**/*.ts\"],\"migrationsDir\":\"migrations\"}" > "$work/entity-migrate.config.json"
  fi
  (
    cd "$work"
    for step in "revision --autogenerate -m init" "upgrade head" "check" "downgrade base" "upgrade head"; do
      echo "## $step"
      # shellcheck disable=SC2086
      timeout 120 node "$cli" $step 2>&1 | tail -20
      echo "rc=${PIPESTATUS[0]}"
    done
  ) > "$result"
  [ "$dialect" = postgres ] && psql -q "$pg/postgres" -c "DROP DATABASE IF EXISTS $db" >/dev/null
done

# The sets whose loop was not clean.
for result in "$out"/results/"$dialect"/*.txt; do
  awk -v set="$(basename "$result" .txt)" '
    /^## / { step = substr($0, 4); first = ""; next }
    /^rc=/ { if (substr($0, 4) != "0" && !reported) { print set "\t" step "\t" first; reported = 1 } next }
    { if (first == "" && $0 != "") first = $0 }
  ' "$result"
done
