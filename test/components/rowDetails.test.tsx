/**
 * Details of a conmon and of a process (→ to reach the row, Enter to open): conmon's arguments
 * in plain words, its parent and its predecessors; a process's PIDs and UIDs inside and out.
 */
// First: it turns colours on before anything loads ink (see test/helpers/forceColor.ts).

import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { renderApp } from '../helpers/appHarness.js';
import { FakeProcessReader } from '../helpers/fakeReader.js';
import { fixtureState } from '../helpers/fixtureState.js';
import { ARROW_UP, ENTER, ESCAPE, PAGE_DOWN, screenText, sendInput, sendInputAndWaitForContent, waitForContent } from '../helpers/inkTesting.js';

afterEach(() => cleanup());

const ARROW_RIGHT = '\u001B[C';
const ARROW_LEFT = '\u001B[D';

describe('details of the row under the cursor', () => {
	test('→ moves the cursor onto the conmon; Enter explains it', async () => {
		const { rendered } = await renderApp(fixtureState());
		await sendInput(rendered, ARROW_RIGHT);
		await sendInputAndWaitForContent(rendered, ENTER, 'start of this container');
		// The parent's name is read from /proc after the view has opened, not while it renders: a frame later.
		const screen = await waitForContent(rendered, 'parent: PID 1 (');
		assert.match(screen, /conmon 3990 +web /);
		assert.match(screen, /2nd start of this container/);
		assert.match(screen, /parent: PID 1 \(\S+\): podman started a first conmon, which forked this one/);
		assert.match(screen, /before it: 3805 \(\d\d:51:00–\d\d:57:03, code 0\)/);
		assert.match(screen, /runtime +\/usr\/bin\/crun/);
		assert.match(screen, /the OCI runtime: conmon runs its create/);
		assert.doesNotMatch(screen, /conmon generations seen this session/, 'not the container view');
		// Longer than the screen: it scrolls, and says where it is.
		assert.match(screen, /↑↓ PgUp PgDn scroll · lines 1–\d+ of \d+/);
		const paged = await sendInputAndWaitForContent(rendered, PAGE_DOWN, 'lines 11–');
		assert.match(paged, /bundle +\/home\/dev\/\.local\/share\/containers\/storage\/overlay-containers\//);
		assert.match(paged, /the OCI bundle: config\.json and the root filesystem/);
		assert.match(paged, /conmon 3990 +web /, 'the title stays');
		const end = await sendInputAndWaitForContent(rendered, PAGE_DOWN + PAGE_DOWN + PAGE_DOWN, 'exit command');
		assert.match(end, /podman container cleanup/);
		const total = /of (\d+)/.exec(end)?.[1];
		assert.match(end, new RegExp(`–${total} of ${total}`), 'clamped at the end');
		const back = await sendInputAndWaitForContent(rendered, ARROW_UP, `–${Number(total) - 1} of ${total}`);
		assert.match(back, new RegExp(`–${Number(total) - 1} of ${total}`), 'one ↑ moves at once, however far PgDn went');
	});

	test('→ again reaches the container process; Enter shows its facts; ← ← back to the container', async () => {
		const { rendered } = await renderApp(fixtureState());
		await sendInput(rendered, ARROW_RIGHT);
		await sendInput(rendered, ARROW_RIGHT);
		const screen = await sendInputAndWaitForContent(rendered, ENTER, 'host PID');
		assert.match(screen, /nginx: master process nginx -g daemon off;/);
		assert.match(screen, /host PID +3995/);
		assert.match(screen, /parent +3990/);
		assert.match(screen, /state +S — sleeping/);
		assert.match(screen, /children +nginx: worker process 3996, nginx: worker process 3997/);
		await sendInput(rendered, ESCAPE);
		await sendInput(rendered, ARROW_LEFT);
		await sendInput(rendered, ARROW_LEFT);
		const container = await sendInputAndWaitForContent(rendered, ENTER, 'conmon generations seen this session');
		assert.match(container, /podman says: state running/);
		assert.match(screenText(rendered), /web/);
	});

	test("a process's facts come from the /proc reader handed in, read again each second while the view is open", async () => {
		const reader = new FakeProcessReader({
			3990: { comm: 'conmon' },
			3995: {
				comm: 'nginx',
				ppid: 3990,
				nsPid: [3995, 1],
				uid: 100999,
				uidMap: [
					{ inside: 0, outside: 1000, count: 1 },
					{ inside: 1, outside: 100000, count: 65536 },
				],
			},
		});
		const { rendered } = await renderApp(fixtureState(), undefined, { reader });
		await sendInput(rendered, ARROW_RIGHT);
		await sendInput(rendered, ARROW_RIGHT);
		await sendInputAndWaitForContent(rendered, ENTER, 'host PID');
		const screen = await waitForContent(rendered, 'NSpid 3995 → 1');
		assert.match(screen, /PID inside +1 {2}\(NSpid 3995 → 1\)/);
		assert.match(screen, /parent +3990 \(conmon\)/);
		assert.match(screen, /user +host uid 100999, uid 1000 inside the container/);
		assert.doesNotMatch(screen, /this process has exited/);

		reader.remove(3995);

		const gone = await waitForContent(rendered, 'this process has exited');
		assert.doesNotMatch(gone, /NSpid/);
	});
});
