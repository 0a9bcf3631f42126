/**
 * The architecture's boundaries, checked by `npm run lint` (part of `make test`):
 *   - the runtime services (query, sink, monitor) and the tools' libraries never import each other;
 *   - shared (infrastructure: config, errors, clients) imports no component;
 *   - model (the domain: item model, transform, checker) imports only shared;
 *   - the transform imports no AWS SDK or kafkajs value (types only: it stays pure);
 *   - within the sink, kafkajs is used only behind the change-event source (and by the DLQ producer);
 *   - the command line (cli), the local platform and the benchmarks compose the others.
 * `npm run graph` draws the same graph into docs/architecture.svg.
 */
const COMPONENTS = 'query|sink|monitor|analytics|reconcile|connectors|db';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'services-never-import-each-other',
      comment: 'A service or tool library reaches another only through shared or model (the query service may use its analytics producer).',
      severity: 'error',
      from: { path: `^services/(${COMPONENTS})/` },
      to: { path: '^services/', pathNot: ['^services/($1|shared|model)/', '^services/analytics/'] },
    },
    {
      name: 'only-the-query-service-uses-analytics',
      severity: 'error',
      from: { path: `^services/(${COMPONENTS})/`, pathNot: '^services/(query|analytics)/' },
      to: { path: '^services/analytics/' },
    },
    {
      name: 'shared-imports-no-component',
      comment: 'services/shared is the infrastructure every component uses; it must not depend on one.',
      severity: 'error',
      from: { path: '^services/shared/' },
      to: { path: '^(services/(?!shared/)|bench/|deploy/)' },
    },
    {
      name: 'model-imports-only-shared',
      comment: 'services/model is the one domain library (items, keys, copies, transform, checker).',
      severity: 'error',
      from: { path: '^services/model/' },
      to: { path: '^(services/(?!model/|shared/)|bench/|deploy/)' },
    },
    {
      name: 'transform-is-pure',
      comment: 'The transform maps change events to write intents: no AWS SDK or Kafka client values (types are fine).',
      severity: 'error',
      from: { path: '^services/(model/transform|sink/transform)/' },
      to: { path: 'node_modules/(@aws-sdk|@smithy|kafkajs)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'kafkajs-stays-in-the-sinks-source',
      comment: 'The sink reads Kafka only through its ChangeEventSource (source/); the dead-letter producer is the one other Kafka edge.',
      severity: 'error',
      from: { path: '^services/sink/', pathNot: '^services/sink/(source|dlq)/' },
      to: { path: 'node_modules/kafkajs/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'nothing-imports-the-cli-or-benchmarks',
      comment: 'The command line and the benchmarks are entry points: components never depend on them.',
      severity: 'error',
      from: { path: '^(services/(?!cli/)|deploy/)' },
      to: { path: '^(services/cli/|bench/)' },
    },
    {
      name: 'deploy-uses-only-shared-model-and-platform-versions',
      severity: 'error',
      from: { path: '^deploy/' },
      to: { path: '^services/', pathNot: ['^services/(shared|model)/', '^services/local/(platform-versions|repo-root|errors|config|types)\\.ts$'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|cdk\\.out|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js', '.mjs', '.cjs', '.d.ts'] },
    reporterOptions: {
      dot: {
        collapsePattern: '^(services/[^/]+|bench|deploy)/',
      },
    },
  },
};
