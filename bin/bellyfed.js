#!/usr/bin/env node
// The `bellyfed` command: runs the compiled CLI (npm run build writes dist/).
import { existsSync } from 'node:fs';

// The pinned AWS SDK runs on Node 20; its notice concerns releases from 2027 on, which this
// project does not take (see package-lock.json).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const entry = new URL('../dist/services/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('bellyfed: the project is not built yet; run `npm run build` (or `make build`) first');
  process.exit(1);
}
const { run } = await import(entry.href);
process.exitCode = await run(process.argv);
