/** Tests wait for conditions, never for time: the services' own poller. */
export { waitFor } from '../../services/shared/wait-for.js';
