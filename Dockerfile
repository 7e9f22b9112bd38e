# switchemu container image: a static binary on an empty base, run as a
# non-root user, its state on a volume.
#
# It pulls no base image (FROM scratch only), so it builds where no
# registry is reachable, with buildah, podman or docker. The Go build
# happens on the host, where the Go toolchain and the module cache are;
# deploy/docker/build.sh does both steps:
#
#   CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X switchemu/internal/version.override=$VERSION" \
#       -o dist/switchemu ./cmd/switchemu
#   buildah bud --format docker -t switchemu:$VERSION .      # or: podman build / docker build
#
# (--format docker keeps the HEALTHCHECK, which the OCI format drops.)
#
#   podman run -d -p 2222:2222 -v switchemu-state:/var/lib/switchemu switchemu:$VERSION
#   podman run -d -p 2222-2721:2222-2721 switchemu:$VERSION \
#       --devices 500 --listen 0.0.0.0:2222 --state-dir /var/lib/switchemu

# Stage 1: the file tree of the image, checked before it is copied whole
# into the final stage (the binary, a passwd entry for the numeric user,
# the state folder owned by it).
FROM scratch AS rootfs
COPY deploy/docker/rootfs/ /
WORKDIR /var/lib
COPY --chown=65532:65532 deploy/docker/state/ /var/lib/switchemu/
COPY --chmod=0755 dist/switchemu /usr/local/bin/switchemu

# Stage 2: the image.
FROM scratch
COPY --from=rootfs / /
USER 65532:65532
WORKDIR /var/lib/switchemu
VOLUME ["/var/lib/switchemu"]
# SSH (first device; a fleet takes the next ports), telnet (first
# device, open while telnet server enable is configured), control API.
EXPOSE 2222/tcp 2323/tcp 8080/tcp
ENTRYPOINT ["/usr/local/bin/switchemu"]
CMD ["--listen", "0.0.0.0:2222", "--telnet", "0.0.0.0:2323", "--api", "0.0.0.0:8080", "--state-dir", "/var/lib/switchemu"]
HEALTHCHECK --interval=30s --timeout=10s --start-period=10s --retries=3 \
    CMD ["/usr/local/bin/switchemu", "healthcheck", "-q", "--state-dir", "/var/lib/switchemu", "--url", "http://127.0.0.1:8080/healthz"]
LABEL org.opencontainers.image.title="switchemu" \
      org.opencontainers.image.description="Comware V5 switch emulator (3Com 7906E and V5 box switches): SSH, telnet, the vendor CLI, fleets" \
      org.opencontainers.image.licenses="see the repository"
