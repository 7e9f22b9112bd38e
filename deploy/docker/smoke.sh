#!/usr/bin/env bash
# Smoke test of the container image: build it (deploy/docker/build.sh),
# run it, log in with OpenSSH, run "display version", run the image's
# healthcheck. Needs buildah (apt-get install buildah); runs the image
# with podman when it can start containers here, else runs the image's
# own file tree (buildah mount) under chroot as the image's user, which
# checks the same static binary, user and state folder without a
# container runtime (sandboxes without cgroup or rlimit rights).
# Storage: vfs (works without overlay support). Cleans up what it made.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v buildah >/dev/null || { echo "smoke: buildah missing (apt-get install buildah)" >&2; exit 2; }
export STORAGE_DRIVER=${STORAGE_DRIVER:-vfs}
B="buildah --storage-driver $STORAGE_DRIVER"
TAG=localhost/switchemu:smoke
BUILD_OPTS="--storage-driver $STORAGE_DRIVER" TOOL=buildah deploy/docker/build.sh "$TAG" >/tmp/switchemu-smoke-build.log 2>&1 ||
  { tail -20 /tmp/switchemu-smoke-build.log >&2; exit 1; }
PORT=${SMOKE_PORT:-22922}
work=$(mktemp -d)
pid= ctr= name=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  [ -n "$name" ] && podman --storage-driver "$STORAGE_DRIVER" rm -f "$name" >/dev/null 2>&1 || true
  [ -n "$ctr" ] && { $B umount "$ctr" >/dev/null 2>&1; $B rm "$ctr" >/dev/null 2>&1; } || true
  rm -rf "$work"
}
trap cleanup EXIT
args=(--listen "127.0.0.1:$PORT" --state-dir /var/lib/switchemu)
how=
if command -v podman >/dev/null; then
  name=switchemu-smoke-$$
  if podman --storage-driver "$STORAGE_DRIVER" run -d --name "$name" --network host \
      --ulimit nofile=4096:4096 --ulimit nproc=4096:4096 "$TAG" "${args[@]}" >"$work/podman.log" 2>&1; then
    how="podman run"
  else
    echo "smoke: podman cannot run containers here ($(tail -1 "$work/podman.log")); running the image's tree under chroot" >&2
    podman --storage-driver "$STORAGE_DRIVER" rm -f "$name" >/dev/null 2>&1 || true
    name=
  fi
fi
if [ -z "$how" ]; then
  ctr=$($B from "$TAG")
  mnt=$($B mount "$ctr")
  user=$($B inspect --type image --format '{{.OCIv1.Config.User}}' "$TAG")
  (cd / && exec chroot --userspec="$user" "$mnt" /usr/local/bin/switchemu "${args[@]}") >"$work/server.log" 2>&1 &
  pid=$!
  how="chroot --userspec=$user (image tree)"
fi
# Wait for the SSH identification line, at most 30 s.
for _ in $(seq 60); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then break; fi
  sleep 0.5
done
printf '#!/bin/sh\necho admin\n' >"$work/askpass"; chmod +x "$work/askpass"
out=$(SSH_ASKPASS="$work/askpass" SSH_ASKPASS_REQUIRE=force DISPLAY=:0 timeout 30 \
  ssh -F /dev/null -p "$PORT" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR \
  -o PreferredAuthentications=password -o NumberOfPasswordPrompts=1 admin@127.0.0.1 display version </dev/null 2>&1) || true
if ! grep -q "3Com Switch 7906E Software Version" <<<"$out"; then
  echo "smoke ($how): display version over OpenSSH failed:" >&2
  tail -20 <<<"$out" >&2
  [ -f "$work/server.log" ] && tail -20 "$work/server.log" >&2
  [ -n "$name" ] && podman --storage-driver "$STORAGE_DRIVER" logs "$name" 2>&1 | tail -20 >&2
  exit 1
fi
if [ -n "$name" ]; then
  podman --storage-driver "$STORAGE_DRIVER" exec "$name" /usr/local/bin/switchemu healthcheck 127.0.0.1:"$PORT"
else
  chroot --userspec="$user" "$mnt" /usr/local/bin/switchemu healthcheck 127.0.0.1:"$PORT"
fi
echo "smoke ($how): image $TAG answers display version over OpenSSH; healthcheck ok"
