# The Node services (query, sink, monitor) and the bellyfed CLI, built from this repository.
# Context: the repository root (deploy/services/images.ts sends only what is needed).
FROM public.ecr.aws/docker/library/node:20.19-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY bin bin
COPY services services
COPY schemas schemas
COPY connectors connectors
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM public.ecr.aws/docker/library/node:20.19-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY --from=build /app/bin bin
COPY --from=build /app/schemas schemas
COPY --from=build /app/connectors connectors
# The monitor serves its dashboard page from the source tree (uPlot comes from node_modules).
COPY --from=build /app/services/monitor/dashboard services/monitor/dashboard
COPY deploy/docker/services-entrypoint.mjs /app/entrypoint.mjs
# node-postgres treats sslmode=require as verify-full, and Aurora's certificates chain to the RDS
# roots, which are not in Node's store: trust the RDS bundle (and nothing else extra).
ADD --chmod=644 https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem /app/rds-global-bundle.pem
ENV NODE_EXTRA_CA_CERTS=/app/rds-global-bundle.pem
USER node
# `bellyfed <command>`: the task definition gives the command (serve query | serve sink | serve monitor | db migrate).
ENTRYPOINT ["node", "/app/entrypoint.mjs"]
CMD ["--help"]
