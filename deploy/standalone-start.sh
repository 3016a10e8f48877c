#!/bin/sh
# Starts the standalone build (deploy/bundle-server.ts) the way the container does: from its own
# folder (migrations and .next are found relative to it), in production mode, with glibc's malloc
# arenas capped as `npm start` would (docs/performance.md). Usage: standalone-start.sh [DIR]
set -eu
cd "${1:-/app}"
export NODE_ENV=production
export NEXT_TELEMETRY_DISABLED=1
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
exec node pawprint-server.mjs
