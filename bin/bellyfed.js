#!/usr/bin/env node
// The `bellyfed` command: runs the compiled CLI (npm run build writes dist/).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/services/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('bellyfed: the project is not built yet; run `npm run build` (or `make build`) first');
  process.exit(1);
}
const { run } = await import(entry.href);
process.exitCode = await run(process.argv);
