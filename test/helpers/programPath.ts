import { join } from 'node:path';
import { projectRoot } from './fixtures.js';

/** The built program, as `npm run build` leaves it and the package ships it (one bundled file). */
export function cliPath(): string {
	return join(projectRoot(), 'dist', 'bundle', 'cli.js');
}
