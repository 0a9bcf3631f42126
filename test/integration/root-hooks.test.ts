/** Run-wide cleanup: the seeded template database is dropped once all files are done. */
import { dropTemplates } from '../helpers/postgres.js';

after(async () => {
  await dropTemplates();
});
