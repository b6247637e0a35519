# syntax=docker/dockerfile:1
# Latchkey's BFF serving the SPA, for Azure (LATCHKEY_MODE=azure). Build:
#   docker build -t latchkey .
# Configuration comes from the environment at run time (docs/operations.md).

# --- build: the SPA and the bundled BFF, then a folder with production dependencies only
FROM node:20-bookworm-slim AS build
WORKDIR /src
RUN npm install -g pnpm@12.4.2
COPY . .
RUN pnpm install --frozen-lockfile \
 && pnpm build \
 && pnpm --filter @latchkey/bff deploy --prod /out

# --- run: plain node, no TypeScript loader, no dev dependencies, not root
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    LATCHKEY_MODE=azure \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=build --chown=root:root /out /app
# Only used without DATABASE_URL (embedded PGlite, one instance): mount a volume here.
RUN mkdir /data && chown node:node /data
VOLUME /data
# The image's `node` user (uid 1000) runs the BFF; the app files stay read-only to it.
USER node
EXPOSE 3000
# Ready means storage answers and ARM is reachable (GET /readyz); /healthz is liveness only.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/server.js"]
