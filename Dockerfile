# televisit: the API and the dashboard it serves, in one image.
#
#   docker build -t televisit .
#   docker run --env-file .env -p 3000:3000 televisit
#
# The container applies pending migrations, then starts the API (see CMD). Configuration comes from
# the environment only; .env.example lists every variable.

ARG NODE_IMAGE=node:20-bookworm-slim

# Compilers for native modules: better-sqlite3 builds from source when no prebuilt binary downloads.
FROM ${NODE_IMAGE} AS toolchain
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY package.json package-lock.json ./

# Production dependencies only: the webpack bundles keep node_modules external.
FROM toolchain AS deps
RUN npm ci --omit=dev --no-audit --no-fund \
  && npm cache clean --force

# Full install and production build: dist/apps/api (main.js, cli.js) and dist/apps/dashboard.
FROM toolchain AS build
ENV NX_DAEMON=false NX_NO_CLOUD=true
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
# tini as PID 1 forwards SIGTERM to node (Nest's shutdown hooks then close the server and the pool).
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
  PORT=3000 \
  DATA_DIR=/app/data
WORKDIR /app
# Application files stay owned by root: the node user can read them but not change them.
COPY package.json ./
COPY --from=deps /src/node_modules ./node_modules
COPY --from=build /src/dist/apps ./dist/apps
# DATA_DIR is the one writable place (only SQLite uses it; MariaDB deployments leave it empty).
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.status===200?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "-g", "--"]
# Migrations first; `exec` then makes node the process tini signals. Override CMD for one-off
# commands, e.g. `docker compose run --rm api node dist/apps/api/cli.js migrate:down`.
CMD ["sh", "-c", "node dist/apps/api/cli.js migrate && exec node dist/apps/api/main.js"]
