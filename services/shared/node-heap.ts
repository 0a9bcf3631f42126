/**
 * V8 sizes a process's heap from the machine's memory. On a large machine a busy sink then lets
 * garbage pile up to hundreds of MB before collecting, although what it holds at once is bounded
 * (fetch sizes, requests in flight): `bench sink` measured 338 MB peak RSS uncapped and 201 MB
 * with a 160 MB heap, at the same throughput. Processes the platform starts for a service get a
 * heap cap that fits the job; a NODE_OPTIONS that already sets one wins.
 */
export const SINK_HEAP_MIB = 192;

/** `env` with `--max-old-space-size=<heapMiB>` added to NODE_OPTIONS, unless it sets one already. */
export function withHeapCap<Env extends Readonly<Record<string, string | undefined>>>(env: Env, heapMiB: number): Env {
  const options = env.NODE_OPTIONS ?? '';
  if (/--max-old-space-size[=\s]/.test(options)) return env;
  return { ...env, NODE_OPTIONS: `${options} --max-old-space-size=${heapMiB}`.trim() };
}
