import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where browser tests save screenshots (test artifacts): SCREENSHOT_DIR, else a temp dir. */
export const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? join(tmpdir(), 'svb-admin-screens');
