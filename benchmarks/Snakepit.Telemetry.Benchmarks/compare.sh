#!/usr/bin/env bash
# Before and after in one run: packs Snakepit.Telemetry as it is at <git ref> (default: the commit before HEAD) and
# runs the hot-path benchmarks of this tree and of that package side by side, in one BenchmarkDotNet run.
#   benchmarks/Snakepit.Telemetry.Benchmarks/compare.sh [git ref] [BenchmarkDotNet arguments...]
#   e.g. compare.sh HEAD~1 --filter '*PerformanceBenchmarks*' --anyCategories dispatch --job short
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
ref="${1:-HEAD~1}"
shift || true
sha="$(git -C "$root" rev-parse --short "$ref")"
version="0.0.0-baseline.$sha"
worktree="$(mktemp -d)/snakepit-$sha"
git -C "$root" worktree add --detach "$worktree" "$sha" >/dev/null
trap 'git -C "$root" worktree remove --force "$worktree" >/dev/null 2>&1 || true' EXIT
mkdir -p "$here/baseline-packages"
dotnet pack "$worktree/src/Snakepit.Telemetry/Snakepit.Telemetry.csproj" -c Release -o "$here/baseline-packages" -p:Version="$version" >/dev/null
cd "$here"
if [ "$#" -eq 0 ]; then
  set -- --filter '*PerformanceBenchmarks*' '*BackgroundDispatchBenchmarks*'
fi
dotnet run -c Release -- --baseline "$version" "$@"
