#!/bin/bash
# The container image's health check: healthy when the product's readiness endpoint on the public listener answers
# 200 (database and mail server reachable, the start finished). Needs bash alone, no HTTP client in the image.
set -u
exec 3<>"/dev/tcp/127.0.0.1/${HTTP_PORT:-8080}" || exit 1
printf 'GET /health/ready HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
IFS= read -r -t 5 status <&3 || exit 1
case "$status" in
    "HTTP/1.1 200 "*) exit 0 ;;
    *) echo "not ready: ${status%$'\r'}"; exit 1 ;;
esac
