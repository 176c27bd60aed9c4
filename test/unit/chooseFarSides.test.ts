import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chooseFarSide, chooseFarSides, FarSideChoiceError } from '../../src/app/farSide.js';
import type { Podman, PodmanOutput } from '../../src/podman/podman.js';

/** podman 4.3's `system connection list --format json` (captured shape, two connections). */
const LIST = `[
    { "Name": "hosta", "URI": "ssh://root@127.0.0.1:2201/run/podman/podman.sock", "Identity": "/tmp/id", "IsMachine": false, "Default": true },
    { "Name": "hostb", "URI": "ssh://root@127.0.0.1:2202/run/podman/podman.sock", "Identity": "/tmp/id", "IsMachine": false, "Default": false }
]`;

/** A podman that answers the connection list and counts what it was asked (no program runs). */
class ListingPodman implements Pick<Podman, 'run'> {
	readonly asked: string[][] = [];
	async run(args: readonly string[]): Promise<PodmanOutput> {
		this.asked.push([...args]);
		return { stdout: LIST, stderr: '', command: ['podman', ...args] };
	}
}

describe('choosing the far sides of --connection a --connection b', () => {
	test("podman's connection list is asked once for every name, and each name resolved against it, in order", async () => {
		const podman = new ListingPodman();
		const sides = await chooseFarSides(podman, ['hostb', 'hosta'], {}, 'linux');
		assert.deepEqual(podman.asked, [['system', 'connection', 'list', '--format', 'json']]);
		assert.deepEqual(
			sides.map((s) => s?.target.name),
			['hostb', 'hosta'],
		);
		assert.deepEqual(sides[0]?.podmanArgs, ['--connection', 'hostb']);
		assert.equal(sides[1]?.state.label, 'hosta · ssh://root@127.0.0.1:2201');
		for (const side of sides) side?.processes.close();
	});

	test('an unknown name among them: the usage error (exit 2) that names the known ones', async () => {
		const podman = new ListingPodman();
		await assert.rejects(
			chooseFarSides(podman, ['hosta', 'nowhere'], {}, 'linux'),
			(error: unknown) => error instanceof FarSideChoiceError && error.usage && /nowhere/.test(error.message) && /hosta, hostb/.test(error.message),
		);
		assert.equal(podman.asked.length, 1);
	});

	test("one host on Linux with no name and no CONTAINER_*: this machine's podman, and no list asked", async () => {
		const podman = new ListingPodman();
		assert.equal(await chooseFarSide(podman, undefined, {}, 'linux'), undefined);
		assert.deepEqual(podman.asked, []);
	});
});
