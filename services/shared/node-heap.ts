/**
 * V8 sizes a process's heap from the machine's memory. On a large machine a busy sink then lets
 * garbage pile up to hundreds of MB before collecting, although what it holds at once is bounded
 * (fetch sizes, requests in flight): `bench sink` measured 338 MB peak RSS uncapped and 201 MB
 * with a 160 MB heap, at the same throughput. Processes the platform starts for a service get a
 * heap cap that fits the job; a NODE_OPTIONS that already sets one wins.
 *
 * Under a small cap V8 also keeps the young generation small, and the sink allocates a lot of
 * short-lived objects per event (decoded rows, items, request bodies): a 16 MB semi-space cut
 * its CPU per event by about a fifth in `bench sink`, with no change in peak RSS.
 */
export const SINK_HEAP_MIB = 192;
/**
 * The query service holds little at once (pools, compiled serializers, requests in flight), but
 * uncapped V8 let 60 MB of garbage pile up in old space under load: `bench query` measured a
 * 222–232 MB peak RSS uncapped and about 150 MB with this cap.
 */
export const QUERY_HEAP_MIB = 128;
export const SINK_SEMI_SPACE_MIB = 16;

/** The V8 flags of a sink process with `heapMiB` of old space. */
export function sinkHeapFlags(heapMiB: number): string {
  return `--max-old-space-size=${heapMiB} --max-semi-space-size=${SINK_SEMI_SPACE_MIB}`;
}

/** `env` with the sink's heap flags added to NODE_OPTIONS, unless it sets a heap cap already. */
export function withHeapCap<Env extends Readonly<Record<string, string | undefined>>>(env: Env, heapMiB: number): Env {
  const options = env.NODE_OPTIONS ?? '';
  if (/--max-old-space-size[=\s]/.test(options)) return env;
  return { ...env, NODE_OPTIONS: `${options} ${sinkHeapFlags(heapMiB)}`.trim() };
}
