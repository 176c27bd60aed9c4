/**
 * Test fault injection, and nothing else: `CONMON_TUI_TEST_FAULT` makes the built program fail
 * on purpose, so that an end-to-end test can check that any failure leaves the terminal usable
 * (alternate screen left, raw mode and cursor restored, one line saying what went wrong).
 * No real input makes a component throw once its bugs are fixed, so the test needs this door;
 * unset (always, outside tests) it does nothing.
 *
 * - `render`: a component throws while rendering, once the first container list is in;
 * - `exception`: an uncaught exception from a timer, at the same moment;
 * - `rejection`: an unhandled promise rejection, at the same moment.
 */
export type TestFault = 'render' | 'exception' | 'rejection';

/** The fault asked for, read once at start; undefined unless a test set the variable to one of the three. */
export const TEST_FAULT: TestFault | undefined = (() => {
	const value = process.env['CONMON_TUI_TEST_FAULT'];
	return value === 'render' || value === 'exception' || value === 'rejection' ? value : undefined;
})();

/** The error the fault throws: its message says it was injected, so no one mistakes it for a bug. */
export function injectedFault(kind: TestFault): Error {
	return new Error(`test fault injected (CONMON_TUI_TEST_FAULT=${kind})`);
}

/** Sets off an `exception` or `rejection` fault outside React (a `render` fault is thrown by the App itself). */
export function fireProcessFault(kind: Exclude<TestFault, 'render'>): void {
	if (kind === 'exception') {
		setTimeout(() => {
			throw injectedFault(kind);
		}, 0);
	} else {
		void Promise.reject(injectedFault(kind));
	}
}
