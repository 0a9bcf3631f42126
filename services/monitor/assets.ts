/**
 * Where the dashboard's static files are. They are plain HTML/CSS/JS (the browser runs them as
 * they are), kept beside this code in services/monitor/dashboard and found from the project root,
 * which works from services/ (tsx) and dist/ alike; uPlot is served from its npm package.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PROJECT_ROOT } from '../shared/paths.js';

export const DASHBOARD_DIR = join(PROJECT_ROOT, 'services', 'monitor', 'dashboard');

// The package's main file is dist/uPlot.cjs.js: its directory holds the iife build and the CSS.
export const UPLOT_DIST_DIR = dirname(createRequire(import.meta.url).resolve('uplot'));
