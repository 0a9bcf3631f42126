/** `bellyfed db migrate | seed`. */
import type { Command } from 'commander';
import { ensureDatabase } from '../../db/create-database.js';
import { loadMigrations, migrate } from '../../db/migrate.js';
import { hasRestaurants, seedDatabase } from '../../db/seed/seed.js';
import { redactUrl } from '../../shared/config.js';
import { createPool } from '../../shared/database.js';
import { BellyfedError } from '../../shared/errors.js';
import { commandContext } from '../run-command.js';

function positiveInt(flag: string, max: number) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) {
      throw new BellyfedError('CLI_USAGE', `${flag} must be a whole number from 1 to ${max} (got '${value}')`);
    }
    return Number(value);
  };
}

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('the relational database: schema migrations and demo data');

  db.command('migrate')
    .description('create the database of DATABASE_URL if missing, then apply the pending SQL migrations of schemas/sql (idempotent)')
    .action(async () => {
      const { config, logger } = commandContext('db-migrate');
      if (await ensureDatabase(config.database.url)) {
        process.stdout.write(`created database ${new URL(config.database.url).pathname.slice(1)}\n`);
      }
      const pool = createPool(config.database.url, { max: 1, applicationName: 'bellyfed-migrate', logger });
      try {
        const result = await migrate(pool, await loadMigrations());
        for (const id of result.applied) process.stdout.write(`applied ${id}\n`);
        process.stdout.write(
          `${redactUrl(config.database.url)}: ${result.applied.length} applied, ${result.alreadyApplied.length} already applied\n`,
        );
      } finally {
        await pool.end();
      }
    });

  db.command('seed')
    .description('fill an empty database with deterministic demo data (the same seed gives the same rows)')
    .requiredOption('--restaurants <n>', 'number of restaurants (about 3 users, 20 menu items and 50 reviews each)', positiveInt('--restaurants', 1_000_000))
    .option('--seed <s>', 'random seed', positiveInt('--seed', 2 ** 31), 1)
    .option('--reset', 'empty the app tables first (otherwise a database with restaurants is refused)', false)
    .option('--if-empty', 'do nothing (and succeed) when the database already has restaurants', false)
    .action(async (options: { restaurants: number; seed: number; reset: boolean; ifEmpty: boolean }) => {
      const { config, logger } = commandContext('db-seed');
      if (options.reset && options.ifEmpty) throw new BellyfedError('CLI_USAGE', '--reset and --if-empty contradict each other; pass one');
      const pool = createPool(config.database.url, { max: 1, applicationName: 'bellyfed-seed', logger });
      const started = Date.now();
      const interactive = process.stderr.isTTY;
      let lastPrint = 0;
      try {
        if (options.ifEmpty && (await hasRestaurants(pool))) {
          process.stdout.write('the database already has restaurants; nothing seeded (--if-empty)\n');
          return;
        }
        const summary = await seedDatabase(pool, {
          ...options,
          onProgress: (table, rows, done) => {
            if (done) {
              process.stderr.write(`${interactive ? '\r\x1b[K' : ''}${table}: ${rows} rows (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
            } else if (interactive && Date.now() - lastPrint > 200) {
              lastPrint = Date.now();
              process.stderr.write(`\r\x1b[K${table}: ${rows} rows…`);
            }
          },
        });
        const total = Object.values(summary).reduce((a, b) => a + b, 0);
        process.stdout.write(`seeded ${total} rows (seed ${options.seed}) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      } finally {
        await pool.end();
      }
    });
}
