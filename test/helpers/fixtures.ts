import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root: tests run compiled from dist/test/, fixtures stay in test/fixtures/. */
export function projectRoot(): string {
	let dir = dirname(fileURLToPath(import.meta.url));
	while (!existsSync(join(dir, 'package.json'))) {
		const parent = dirname(dir);
		if (parent === dir) throw new Error('package.json not found above the tests');
		dir = parent;
	}
	return dir;
}

/** Reads a fixture file as text. */
export function readFixture(relativePath: string): string {
	return readFileSync(join(projectRoot(), 'test', 'fixtures', relativePath), 'utf8');
}

/** A real conmon command line from this project's development machine (podman 4.3.1, conmon 2.1.6). */
export const CONMON_ARGV = [
	'/usr/bin/conmon',
	'--api-version',
	'1',
	'-c',
	'886762f967d877fceeba1c0e11035a28e6907baeaee78561d30facf8bf662388',
	'-u',
	'886762f967d877fceeba1c0e11035a28e6907baeaee78561d30facf8bf662388',
	'-r',
	'/usr/bin/runc',
	'-b',
	'/tmp/sb/root/overlay-containers/886762f967d877fceeba1c0e11035a28e6907baeaee78561d30facf8bf662388/userdata',
	'-p',
	'/tmp/sb/run/overlay-containers/886762f967d877fceeba1c0e11035a28e6907baeaee78561d30facf8bf662388/userdata/pidfile',
	'-n',
	'nostalgic_bartik',
	'--exit-dir',
	'/tmp/sb/tmp/exits',
	'--full-attach',
	'-l',
	'k8s-file:/tmp/sb/root/overlay-containers/886762f967d877fceeba1c0e11035a28e6907baeaee78561d30facf8bf662388/userdata/ctr.log',
	'--log-level',
	'warning',
	'--runtime-arg',
	'--log-format=json',
	'--runtime-arg',
	'--log',
	'--runtime-arg=/tmp/sb/run/overlay-containers/886762f967d877fceeba1c0e11035a28e6907baeaee78561d30facf8bf662388/userdata/oci-log',
	'--conmon-pidfile',
	'/tmp/sb/run/overlay-containers/886762f967d877fceeba1c0e11035a28e6907baeaee78561d30facf8bf662388/userdata/conmon.pid',
	'--exit-command',
	'/usr/bin/podman',
	'--exit-command-arg',
	'--root',
	'--exit-command-arg',
	'/tmp/sb/root',
	'--exit-command-arg',
	'--network-config-dir',
	'--exit-command-arg',
	'',
	'--exit-command-arg',
	'container',
	'--exit-command-arg',
	'cleanup',
	'--exit-command-arg',
	'886762f967d877fceeba1c0e11035a28e6907baeaee78561d30facf8bf662388',
];
