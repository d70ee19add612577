#!/usr/bin/env bash
# Coverage-guided fuzzing of the Parquet reader, the Arrow reader or the Delta log reader with AFL++, through SharpFuzz
# (README.md beside this file).
#   tools/Alimentar.Fuzzing/fuzz.sh parquet|arrow|delta [minutes]
# Inputs, findings and builds go to artifacts/fuzz (ALIMENTAR_FUZZ_DIR to move them); a second run resumes the first.
set -euo pipefail
target=${1:?usage: fuzz.sh parquet|arrow|delta [minutes]}
minutes=${2:-30}
here=$(cd "$(dirname "$0")" && pwd)
work=${ALIMENTAR_FUZZ_DIR:-$(cd "$here/../.." && pwd)/artifacts/fuzz}
mkdir -p "$work"

if ! command -v afl-fuzz >/dev/null 2>&1; then
  # A fresh machine's package lists may not name it yet.
  { apt-get install -y afl++ || { apt-get update && apt-get install -y afl++; }; } >/dev/null 2>&1 ||
    { echo "afl-fuzz is needed: install Debian's afl++ package"; exit 1; }
fi
export PATH="$PATH:$HOME/.dotnet/tools"
if ! command -v sharpfuzz >/dev/null 2>&1; then
  dotnet tool install --global SharpFuzz.CommandLine --version 2.3.0 >/dev/null
fi

# One build is instrumented for AFL; the other, untouched, replays what it finds (instrumented code needs AFL's shared memory).
instrumented="$work/build-$target"
plain="$work/build-plain"
dotnet build "$here" -c Release -o "$instrumented" >/dev/null
dotnet build "$here" -c Release -o "$plain" >/dev/null
for assembly in Alimentar.Runtime.dll Alimentar.Abstractions.dll; do
  sharpfuzz "$instrumented/$assembly"
done
[ -d "$work/seeds/$target" ] || dotnet "$plain/Alimentar.Fuzzing.dll" seeds "$work/seeds"

# The readers decode on worker threads, so some edges vary from run to run: AFL calls that instability, not a fault.
AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_AUTORESUME=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
  timeout --foreground "${minutes}m" afl-fuzz -i "$work/seeds/$target" -o "$work/out-$target" -t 10000 -m none \
  -- dotnet "$instrumented/Alimentar.Fuzzing.dll" "$target" || true

shopt -s nullglob
found=("$work/out-$target"/default/crashes/id:* "$work/out-$target"/default/hangs/id:*)
if [ ${#found[@]} -gt 0 ]; then
  dotnet "$plain/Alimentar.Fuzzing.dll" repro "$target" "${found[@]}"
else
  echo "No crash or hang in $work/out-$target."
fi
