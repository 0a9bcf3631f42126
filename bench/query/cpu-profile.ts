/**
 * Reading a V8 CPU profile (`node --cpu-prof`, the .cpuprofile format of Chrome DevTools): the
 * functions with the most self time, counted only over a window (the load, not the start-up).
 */

export interface CallFrame {
  functionName: string;
  url: string;
  /** 0-based. */
  lineNumber: number;
  columnNumber: number;
}

export interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  /** Microseconds on the system's monotonic clock (the clock of process.hrtime). */
  startTime: number;
  endTime: number;
  /** The node on top of the stack at each sample. */
  samples: number[];
  /** Microseconds since the previous sample (the first: since startTime). */
  timeDeltas: number[];
}

export interface SelfTime {
  /** Function name, or V8's label for what is not JavaScript: (garbage collector), (program). */
  name: string;
  /** file:line, relative to the project or to the package in node_modules; empty for native code. */
  location: string;
  ms: number;
  /** Of the busy time in the window (idle excluded). */
  share: number;
}

export interface SelfTimeSummary {
  /** Time the main thread was not idle in the window, in ms. */
  busyMs: number;
  functions: SelfTime[];
}

/** A script URL as a short location: the package path after node_modules, or the path under the project root. */
export function shortLocation(url: string, lineNumber: number, projectRoot: string): string {
  if (url === '') return '';
  let path = url.startsWith('file://') ? decodeURIComponent(url.slice('file://'.length)) : url;
  const inPackages = path.lastIndexOf('/node_modules/');
  if (inPackages >= 0) path = path.slice(inPackages + '/node_modules/'.length);
  else if (path.startsWith(`${projectRoot}/`)) path = path.slice(projectRoot.length + 1);
  return `${path}:${lineNumber + 1}`;
}

/**
 * Self time per function (name and location; a function's nodes in different stacks add up),
 * over the samples taken at or after `fromUs` (monotonic µs). A sample lasts until the next one,
 * as DevTools counts it. Idle time is left out; the share is of the time the thread was busy.
 */
export function topSelfTime(
  profile: CpuProfile,
  options: { fromUs?: number; count?: number; projectRoot: string },
): SelfTimeSummary {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<string, { name: string; location: string; us: number }>();
  let busyUs = 0;
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    const next = i + 1 < profile.samples.length ? at + (profile.timeDeltas[i + 1] ?? 0) : profile.endTime;
    if (options.fromUs !== undefined && at < options.fromUs) continue;
    const node = nodes.get(profile.samples[i] as number);
    if (!node || node.callFrame.functionName === '(idle)') continue;
    const duration = Math.max(0, next - at);
    const { functionName, url, lineNumber } = node.callFrame;
    const name = functionName === '' ? '(anonymous)' : functionName;
    const location = shortLocation(url, lineNumber, options.projectRoot);
    const key = `${name}\u0000${location}`;
    const entry = selfUs.get(key) ?? { name, location, us: 0 };
    entry.us += duration;
    selfUs.set(key, entry);
    busyUs += duration;
  }
  const functions = [...selfUs.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, options.count ?? 10)
    .map((f) => ({ name: f.name, location: f.location, ms: f.us / 1000, share: busyUs > 0 ? f.us / busyUs : 0 }));
  return { busyMs: busyUs / 1000, functions };
}
