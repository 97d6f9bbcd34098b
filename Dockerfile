# syntax=docker/dockerfile:1
# dnsdrift's container image: Next's standalone output plus dnsdrift's own server entry, on
# Node.js 20 (Debian bookworm). Build and runtime use the same base image so better-sqlite3's
# native module, built or downloaded by `npm ci`, matches the runtime's glibc and Node ABI.
#
#   docker build -t dnsdrift:0.1.0 .
#   docker run --read-only --tmpfs /tmp -v dnsdrift-data:/data -p 3000:3000 \
#     -e DNSDRIFT_AUTH_MODE=token -e DNSDRIFT_AUTH_TOKENS_FILE=/run/secrets/tokens … dnsdrift:0.1.0
#
# No secret is ever baked in: tokens arrive at run time as environment or mounted files.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /src
# python3, make and g++ build better-sqlite3 from source when no prebuilt binary fits.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# npm ci runs the prepare script (scripts/build-bin.mjs), which steps aside without bin/ sources.
COPY scripts/build-bin.mjs ./scripts/
RUN npm ci --no-audit --no-fund

FROM deps AS build
ENV NEXT_TELEMETRY_DISABLED=1
COPY . .
# git keeps no empty folders, and the runtime stage copies public/ whatever it holds.
RUN mkdir -p public \
 && npx next build \
 && node deploy/docker/bundle-server.mjs .next/standalone \
 && test -f .next/standalone/node_modules/better-sqlite3/build/Release/better_sqlite3.node

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOST=0.0.0.0 \
    HOSTNAME=0.0.0.0 \
    PORT=3000 \
    DNSDRIFT_AUDIT_DB=/data/audit.db
WORKDIR /app
# Owned by root and read-only to the server, which writes only to /tmp, /data and Next's cache
# (writable volumes in Kubernetes, where the root filesystem is read-only).
COPY --from=build /src/.next/standalone ./
COPY --from=build /src/.next/static ./.next/static
COPY --from=build /src/public ./public
RUN mkdir -p /data /app/.next/cache && chown 65532:65532 /data /app/.next/cache
USER 65532:65532
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# bin/serve.js (see deploy/docker/bundle-server.mjs), not Next's server.js: proxy auth needs it.
CMD ["node", "bin/serve.js"]
