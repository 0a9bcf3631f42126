// Container entrypoint: builds DATABASE_URL (and DATABASE_READ_URL) from the parts ECS provides —
// host and database as plain environment, user and password as secrets from Secrets Manager — so
// no URL with a password is ever written into a task definition. Then runs the bellyfed CLI in
// this process (signals reach it directly).
const env = process.env;

function databaseUrl(host) {
  const auth = `${encodeURIComponent(env.DATABASE_USERNAME)}:${encodeURIComponent(env.DATABASE_PASSWORD)}`;
  const query = env.DATABASE_SSLMODE ? `?sslmode=${encodeURIComponent(env.DATABASE_SSLMODE)}` : '';
  return `postgres://${auth}@${host}:${env.DATABASE_PORT ?? '5432'}/${encodeURIComponent(env.DATABASE_NAME ?? 'bellyfed')}${query}`;
}

if (env.DATABASE_USERNAME && env.DATABASE_PASSWORD) {
  if (env.DATABASE_HOST && !env.DATABASE_URL) env.DATABASE_URL = databaseUrl(env.DATABASE_HOST);
  if (env.DATABASE_READ_HOST && !env.DATABASE_READ_URL) env.DATABASE_READ_URL = databaseUrl(env.DATABASE_READ_HOST);
}
// The parts are not configuration of the services: keep the password in one variable only.
delete env.DATABASE_PASSWORD;

const { run } = await import('/app/dist/services/cli/main.js');
process.exitCode = await run([process.argv[0], 'bellyfed', ...process.argv.slice(2)]);
