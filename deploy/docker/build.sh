#!/usr/bin/env bash
# Builds the switchemu image without pulling anything: the static binary
# with the host's Go toolchain, then the FROM scratch Dockerfile with
# buildah (or podman, or docker: the first found; TOOL=... chooses).
#   deploy/docker/build.sh [TAG]        default tag: switchemu:$VERSION
# VERSION defaults to git describe, else "devel". Extra options for the
# image tool go in BUILD_OPTS (e.g. BUILD_OPTS="--storage-driver vfs").
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=${VERSION:-$(git describe --tags --always --dirty 2>/dev/null || echo devel)}
TAG=${1:-switchemu:$VERSION}
mkdir -p dist
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X switchemu/internal/version.override=$VERSION" \
  -o dist/switchemu ./cmd/switchemu
TOOL=${TOOL:-$(command -v buildah || command -v podman || command -v docker || true)}
case "$(basename "${TOOL:-none}")" in
buildah) buildah ${BUILD_OPTS:-} bud --format docker -t "$TAG" . ;;
podman) podman ${BUILD_OPTS:-} build --format docker -t "$TAG" . ;;
docker) docker ${BUILD_OPTS:-} build -t "$TAG" . ;;
*) echo "no buildah, podman or docker: built dist/switchemu only (apt-get install buildah)" >&2; exit 1 ;;
esac
echo "$TAG"
