# syntax=docker/dockerfile:1
# wenzheng (问政) bot image: `docker build -t wenzheng .` then see compose.yaml and docs/deploy.md.
# Two stages: the builder has python3, make and g++ to compile the native addons (better-sqlite3, hnswlib-node);
# the runtime image gets only the result and runs as the unprivileged `node` user.

FROM node:20-bookworm AS builder
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# Production dependencies only; native addons compile here against the same Node and glibc as the runtime.
RUN npm ci --omit=dev --loglevel=notice && npm cache clean --force
COPY bin ./bin
COPY src ./src
COPY prompts ./prompts
COPY lexicon ./lexicon
COPY corpus ./corpus
COPY tsconfig.json ./

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    CORPUS_DIR=/corpus \
    INDEX_DIR=/index \
    DATA_DIR=/data \
    WEBHOOK_PORT=8443 \
    WEBHOOK_HOST=0.0.0.0 \
    LOG_FORMAT=json
WORKDIR /app
COPY --from=builder --chown=root:root /app /app
# The shipped sample corpus is the default; mount the county's documents over /corpus.
RUN mkdir -p /corpus /index /data && cp -r /app/corpus/. /corpus/ && chown -R node:node /index /data
USER node
VOLUME ["/index", "/data"]
EXPOSE 8443
# /healthz answers on the webhook port, or on METRICS_PORT in polling mode.
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "const p=process.env.METRICS_PORT||process.env.WEBHOOK_PORT;fetch('http://127.0.0.1:'+p+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM drains (DRAIN_SECONDS); node runs as PID 1 and handles it itself.
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "bin/wenzheng.mjs"]
CMD ["start"]
