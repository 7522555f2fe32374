# GroupGate as a container image: compiled on the full toolchain, run on a small Node image holding
# only dist/, the production node_modules and package.json. See docs/container.md.

# ---- build: every dependency, `npm run build` (tsc type-checks as it compiles), then drop dev dependencies
FROM node:24-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 13 ships prebuilt N-API binaries for linux-x64 and linux-arm64 inside its package,
# so nothing is compiled here. For a platform it has no binary for, add (here only, never below):
#   RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/build ./scripts/build
COPY bot ./bot
COPY adapters ./adapters
COPY domain ./domain
COPY cards ./cards
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# ---- runtime
FROM node:24-bookworm-slim AS runtime
# bot/main.ts stops cleanly on SIGTERM (finish in-flight work, close the store), but it registers that
# handler only once started, and Linux drops a signal PID 1 has no handler for: a `docker stop` while
# it is still connecting to Redis would wait out the kill timeout. tini runs as PID 1 instead, passes
# signals on and reaps orphans, so node behaves as it does outside a container.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# Owned by root and read-only to the app user: the process can change its data, not its code.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The SQLite store lives on a volume the app user owns (mount one, or every restart starts empty).
RUN mkdir /data && chown node:node /data
VOLUME /data
# Listen on every interface inside the container; a non-loopback HOST also keeps the web chat off
# (it lets people pick who they are, so it only runs on loopback). GroupGate reads nothing from
# NODE_ENV, and no runtime dependency does either, so it is not set.
ENV HOST=0.0.0.0 \
    PORT=3978 \
    STORE_URL=sqlite:///data/groupgate.sqlite
USER node
EXPOSE 3978
# /livez answers without touching the store or the directory, so a Redis blip marks nothing unhealthy.
# No curl in slim images: Node's own fetch does the check.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/livez').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/bot/main.js"]
