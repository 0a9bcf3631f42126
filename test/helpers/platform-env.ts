/**
 * The integration tests run on the local platform (test/run-on-platform.sh starts it and exports
 * its settings). A missing setting is a broken setup, not a reason to skip: the suite fails and
 * says how to run it.
 */
export function requirePlatform(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(
      `${name} is not set: the integration tests need the local platform. Run them with \`npm run test:integration\` ` +
        '(test/run-on-platform.sh starts the platform), or after `bellyfed local up` with eval "$(./bin/bellyfed.js local env)".',
    );
  }
  return value;
}
