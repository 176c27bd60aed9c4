import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { t } from '../../src/messages/i18n.js';
import { PodmanError } from '../../src/podman/podman.js';
import type { FarProcesses } from '../../src/proc/reader.js';
import { hostHeadingFacts } from '../../src/state/hostLines.js';
import { hostProblem, podmanFailed, procUnreadableOnly, shownStatus } from '../../src/state/hostStatus.js';
import { createAppStore, type FarSideState, type StatusMessage } from '../../src/state/store.js';
import { FarWatch } from '../../src/watch/farWatch.js';
import { PodmanReconcile } from '../../src/watch/podmanReconcile.js';

/**
 * One precedence for what a host says is wrong: the status line (shownStatus), a host's heading
 * and `--once` (hostProblem). A far host that cannot be reached keeps its ssh line above every
 * podman failure that follows, whoever writes it, with no guard at the writer.
 */
const LABEL = 'build · ssh://core@h:2222';
const SSH_LINE = 'far side unreachable (Connection refused); try by hand: ssh -p 2222 -- h true';
const PS_FAILED: StatusMessage = {
	tone: 'error',
	text: 'the far podman (build) does not answer; try by hand: podman --connection build ps -a',
	source: 'host',
};
const far = (stale?: string): FarSideState => ({ label: LABEL, stale: stale === undefined ? undefined : { since: 1, text: stale }, procUnknown: false });

describe('shownStatus: what the status line shows', () => {
	test("this machine's podman, or a far host that answers: the last thing said", () => {
		assert.deepEqual(shownStatus({ farSide: undefined, status: PS_FAILED }), PS_FAILED);
		assert.deepEqual(shownStatus({ farSide: far(), status: PS_FAILED }), PS_FAILED);
		assert.equal(shownStatus({ farSide: far(), status: undefined }), undefined);
	});

	test('a far host that cannot be reached: its ssh line, above the podman failures that follow from it, and by itself when nothing is said', () => {
		const line = { tone: 'error', text: SSH_LINE, source: 'host' };
		assert.deepEqual(shownStatus({ farSide: far(SSH_LINE), status: PS_FAILED }), line);
		assert.deepEqual(shownStatus({ farSide: far(SSH_LINE), status: { tone: 'error', text: 'podman events stream lost', source: 'host' } }), line);
		assert.deepEqual(shownStatus({ farSide: far(SSH_LINE), status: { tone: 'error', text: '✗ $ podman stop web: …', source: 'key' } }), line);
		assert.deepEqual(shownStatus({ farSide: far(SSH_LINE), status: undefined }), line);
	});

	test("what is not a failure of the host shows as it comes, stale or not: a key running, its answer, a question, the program's own failure", () => {
		for (const status of [
			{ tone: 'working', text: '$ podman --connection build stop web', source: 'key' },
			{ tone: 'ok', text: '✓ $ podman --connection build stop web', source: 'key' },
			{ tone: 'info', text: 'remove web? y/n', source: 'key' },
			{ tone: 'error', text: '--log /tmp/x.jsonl: ENOSPC: no space left on device', source: 'program' },
		] as const) {
			assert.deepEqual(shownStatus({ farSide: far(SSH_LINE), status }), status);
		}
	});
});

describe('hostProblem: what failed on a host (its heading, --once)', () => {
	test('the far side down: its ssh line, whatever failed after it', () => {
		assert.equal(hostProblem({ farSide: far(SSH_LINE), podmanFailure: PS_FAILED.text }), SSH_LINE);
		assert.equal(hostProblem({ farSide: far(SSH_LINE), podmanFailure: undefined }), SSH_LINE);
	});

	test("else its podman's failure while watched, at start or later, as long as it stands", () => {
		assert.equal(hostProblem({ farSide: far(), ...podmanFailed(PS_FAILED.text) }), PS_FAILED.text);
		assert.equal(hostProblem({ farSide: undefined, podmanFailure: 'podman ps failed: …' }), 'podman ps failed: …');
		assert.equal(hostProblem({ farSide: far(), podmanFailure: undefined }), undefined);
	});

	test("podmanFailed says it on the status line too, marked as the host's (the ssh line stands above it)", () => {
		assert.deepEqual(podmanFailed('x').status, { tone: 'error', text: 'x', source: 'host' });
	});

	test("the unreadable far /proc is said, but is not the host's problem", () => {
		const unreadable = {
			farSide: { ...far(), procUnknown: true },
			status: { tone: 'error' as const, text: t('far.procUnreadable'), source: 'host' as const },
			podmanFailure: undefined,
		};
		assert.equal(procUnreadableOnly(unreadable), true);
		assert.equal(hostProblem(unreadable), undefined);
	});
});

describe("a host's heading says the same as --once", () => {
	test('a failure after the first list is under the heading too, until ps answers; a key refused never is', () => {
		const loaded = createAppStore({ loaded: true, farSide: far(), ...podmanFailed(PS_FAILED.text) }).getState();
		assert.equal(hostHeadingFacts(loaded, 'build').problem, PS_FAILED.text);
		const refused = { ...loaded, podmanFailure: undefined, status: { tone: 'error' as const, text: '✗ $ podman stop web: Error: …', source: 'key' as const } };
		assert.equal(hostHeadingFacts(refused, 'build').problem, undefined);
		assert.equal(hostHeadingFacts({ ...loaded, farSide: far(SSH_LINE) }, 'build').problem, SSH_LINE);
	});
});

describe('the watchers write what happened; the precedence decides', () => {
	/** A far side whose every scan fails as FarSession's do, until `answer` is set. */
	class DownFar implements FarProcesses {
		bootTimeMs = 1_000;
		farUid = 0;
		answer = false;
		async scan() {
			if (this.answer) return [];
			throw Object.assign(new Error('unreachable'), {
				failure: 'unreachable',
				detail: 'Connection refused',
				tryCommand: ['ssh', '-p', '2222', '--', 'h', 'true'],
			});
		}
		close(): void {}
	}

	test('ps failing on a far host that cannot be reached: written, but the status line keeps the ssh line until the host answers', async () => {
		const store = createAppStore({ farSide: far() });
		const down = new DownFar();
		const farWatch = new FarWatch(down, store, () => {});
		let serviceUp = false;
		const reconcile = new PodmanReconcile(
			store,
			async (args) => {
				if (serviceUp) return { stdout: '[]', stderr: '', command: ['podman', ...args] };
				throw new PodmanError('Cannot connect to Podman', ['podman', '--connection', 'build', ...args], 125, 'failed');
			},
			() => {},
		);
		await farWatch.scan('full');
		const sshLine = store.getState().farSide?.stale?.text ?? '';
		assert.match(sshLine, /unreachable \(Connection refused\).*ssh -p 2222 -- h true/);
		await reconcile.reconcile({ full: true });
		assert.match(store.getState().status?.text ?? '', /does not answer; try by hand: podman --connection build ps/, 'the reconcile wrote its failure');
		assert.equal(shownStatus(store.getState())?.text, sshLine, 'the ssh line is shown');
		assert.equal(hostProblem(store.getState()), sshLine);
		down.answer = true;
		await farWatch.scan('full');
		assert.equal(shownStatus(store.getState())?.text, t('far.back'));
		await reconcile.reconcile({ full: true });
		assert.match(shownStatus(store.getState())?.text ?? '', /does not answer/, 'reachable again: podman failing is said');
		assert.match(hostProblem(store.getState()) ?? '', /does not answer/, "the host's problem while it stands");
		serviceUp = true;
		await reconcile.reconcile({ full: true });
		assert.equal(hostProblem(store.getState()), undefined, 'ps answers again: no longer the host’s problem');
		reconcile.stop();
		farWatch.stop();
	});
});
