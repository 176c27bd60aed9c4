import { after, before, describe, test } from 'node:test';
import { e2eSkipReason } from '../helpers/e2eSkipPolicy.js';
import { createPodmanSandbox, type PodmanSandbox } from '../helpers/podmanSandbox.js';
import { seedKill, seedRun, seedStart } from '../helpers/seedExperiment.js';
import { TuiSession } from '../helpers/tuiSession.js';

/**
 * The seed experiment driven from the podman CLI while conmon-tui only watches:
 * run → kill → start, checking the screen against podman inspect and /proc.
 */
const skip = await e2eSkipReason();

describe('seed experiment from the podman CLI', { skip: skip ?? false }, () => {
	let sandbox: PodmanSandbox;
	let tui: TuiSession;

	before(async () => {
		sandbox = await createPodmanSandbox();
		tui = new TuiSession({ env: sandbox.env, args: ['--image', sandbox.image] });
		await tui.waitFor(/watching podman \S+: 0 containers, 0 live conmons/);
	});

	after(async () => {
		await tui?.kill();
		await sandbox?.dispose();
	});

	let id = '';
	let firstConmon = 0;

	test('podman run: the conmon podman reports appears, with the container process under it', async () => {
		({ id, conmon: firstConmon } = await seedRun({ sandbox, tui }));
	});

	test('podman kill: conmon exits, and the screen says so with the exit code', async () => {
		await seedKill({ sandbox, tui }, id, firstConmon);
	});

	test('podman start: a brand-new conmon with a new PID, and the old one still listed', async () => {
		await seedStart({ sandbox, tui }, id, firstConmon);
	});
});
