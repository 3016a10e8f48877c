#!/bin/sh
# Starts the standalone build (deploy/bundle-server.ts) the way the container does: from its own
# folder (migrations and .next are found relative to it), in production mode, with the memory
# settings `npm start` would give (scripts/server-memory.ts, ADR 0027). Usage: standalone-start.sh [DIR]
set -eu
cd "${1:-/app}"
export NODE_ENV=production
export NEXT_TELEMETRY_DISABLED=1
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-131072}"
exec node --max-semi-space-size=16 pawprint-server.mjs
