export { registerLocalCommands } from './commands.js';
export { loadLocalConfig, type LocalConfig } from './config.js';
export { platformEnvironment } from './env.js';
export { LocalPlatformError, type LocalErrorCode } from './errors.js';
export { isHealthy, platformDown, platformStatus, platformUp } from './platform.js';
export type { PartName, PartStatus } from './types.js';
