#!/usr/bin/env bash
# CI check of the Azure deployment: fetches the bicep CLI from NuGet (Azure.Bicep.CommandLine.linux-x64, restored by
# tools/BicepCli.proj), builds main.bicep to out/main.json and main.bicepparam to out/main.parameters.json, and lints
# every .bicep and .bicepparam file. Fails, printing the diagnostics, on any error or warning: bicep exits 0 on
# warnings (BCP type warnings included), so the output is read, not only the exit code. Quiet on success.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
version="0.49.2"
out="$here/out"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

fail() {
  echo "bicep: $1" >&2
  [ -s "$log" ] && cat "$log" >&2
  exit 1
}

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) ;;
  *) fail "the CLI package used here is linux-x64; this machine is $(uname -s)-$(uname -m)" ;;
esac
command -v dotnet >/dev/null 2>&1 || fail "dotnet is required (the bicep CLI comes from a NuGet package)"

# Runs one at a time: two at once (CI's and a developer's, or two shells) would race on the restore, on out/ and on
# main.snapshot.json, which bicep writes beside the parameters file. A second run waits for the first, then rebuilds.
mkdir -p "$out"
if command -v flock >/dev/null 2>&1; then
  exec 9>"$out/.build.lock"
  flock 9
fi

# The CLI: a NuGet restore puts the package in the global packages folder (NUGET_PACKAGES is honoured).
dotnet restore "$here/tools/BicepCli.proj" --verbosity quiet --nologo >"$log" 2>&1 \
  || fail "restoring Azure.Bicep.CommandLine.linux-x64 $version failed"
packages="$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: //p')"
bicep="${packages%/}/azure.bicep.commandline.linux-x64/$version/tools/bicep"
[ -f "$bicep" ] || fail "bicep CLI not found at $bicep after restore"
# NuGet does not keep the executable bit of files it extracts.
[ -x "$bicep" ] || chmod +x "$bicep"
"$bicep" --version 2>/dev/null | grep -q "$version" || fail "$bicep is not version $version"

files=0
# Runs one bicep command; any Error or Warning diagnostic (or a non-zero exit) fails the check.
check() {
  : >"$log"
  if ! "$bicep" "$@" >"$log" 2>&1; then
    fail "'bicep $*' failed"
  fi
  if grep -Eq ' : (Error|Warning) ' "$log"; then
    fail "'bicep $*' reported diagnostics (warnings fail this check)"
  fi
}

check build "$here/main.bicep" --outfile "$out/main.json"
check build-params "$here/main.bicepparam" --outfile "$out/main.parameters.json"
# The deployment as ARM would expand it for a placeholder subscription: every resource with its evaluated properties
# (the app settings included; values known only at deploy time stay expressions). bicep writes it next to the
# parameters file; it is moved to out/ for the consistency tests.
check snapshot "$here/main.bicepparam" --mode overwrite --location westeurope --deployment-name ci \
  --tenant-id 00000000-0000-0000-0000-000000000000 --subscription-id 00000000-0000-0000-0000-000000000000
mv -f "$here/main.snapshot.json" "$out/main.snapshot.json"
grep -q '"diagnostics": \[\]' "$out/main.snapshot.json" || { cp "$out/main.snapshot.json" "$log"; fail "the snapshot has diagnostics"; }
while IFS= read -r -d '' file; do
  check lint "$file"
  files=$((files + 1))
done < <(find "$here" -path "$out" -prune -o -type f \( -name '*.bicep' -o -name '*.bicepparam' \) -print0 | sort -z)

echo "bicep $version: built out/main.json, out/main.parameters.json, out/main.snapshot.json; linted $files files: 0 errors, 0 warnings"
