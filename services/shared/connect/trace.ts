export const TRACE_LINES = 6;

/** The first lines of a Java stack trace: the exception and where it came from, not 200 frames. */
export function traceHead(trace: string, lines = TRACE_LINES): string[] {
  const all = trace.split('\n').map((l) => l.replace(/\s+$/, '')).filter((l) => l.length > 0);
  const head = all.slice(0, lines);
  if (all.length > lines) head.push(`... ${all.length - lines} more lines (full trace: GET /connectors/{name}/status)`);
  return head;
}
