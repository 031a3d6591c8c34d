# syntax=docker/dockerfile:1
# Build a static binary, then run it as a non-root user on a minimal image.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/standardbot ./cmd/standardbot \
 && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/standardbot /usr/local/bin/standardbot
COPY --from=build --chown=nonroot:nonroot /out/data /data
# time zones for stand-ups and reminders come from the binary's embedded tzdata
ENV STANDARDBOT_DATA_DIR=/data \
    STANDARDBOT_HTTP_ADDR=:3000
VOLUME ["/data"]
EXPOSE 3000
USER nonroot:nonroot
# The image has no shell and no curl: the binary asks its own /healthz
# (at STANDARDBOT_HTTP_ADDR). The start period covers building the search
# index on a fresh /data volume.
HEALTHCHECK --interval=30s --timeout=10s --start-period=2m --retries=3 \
  CMD ["/usr/local/bin/standardbot", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/standardbot"]
CMD ["serve"]
