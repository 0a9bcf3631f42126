// Container entrypoint: runs the bellyfed CLI in this process, so signals reach it directly. The
// configuration (services/shared/config/) builds DATABASE_URL and DATABASE_READ_URL from the parts
// ECS provides (DATABASE_HOST, DATABASE_USERNAME and DATABASE_PASSWORD as secrets, …).
const { run } = await import('/app/dist/services/cli/main.js');
process.exitCode = await run([process.argv[0], 'bellyfed', ...process.argv.slice(2)]);
