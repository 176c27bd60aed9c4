import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import { INFO_RETRY_DELAYS_MS, INFO_RETRY_INTERVAL_MS, InfoRetry } from '../../src/watch/infoRetry.js';

/** A `podman info` the test answers by hand: each question waits until the test says how it ended. */
class StandInInfo {
	readonly questions: ((answer: string | undefined) => void)[] = [];
	readonly answers: string[] = [];
	readonly retry = new InfoRetry(
		() => new Promise((resolve) => this.questions.push(resolve)),
		(infoJson) => this.answers.push(infoJson),
	);

	/** Ends the question in flight with `answer` (undefined: podman did not answer), and lets the retry act on it. */
	async answer(answer: string | undefined): Promise<void> {
		const pending = this.questions.at(-1);
		assert.ok(pending, 'a question in flight');
		pending(answer);
		for (let i = 0; i < 5; i++) await Promise.resolve();
	}
}

describe('InfoRetry: podman info asked again until it answers', () => {
	beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
	afterEach(() => mock.timers.reset());

	test('with backoff (2 s, 5 s, 15 s, then every 60 s), one question at a time; its answer is applied and ends the retries', async () => {
		const info = new StandInInfo();
		info.retry.start();
		const waits = [...INFO_RETRY_DELAYS_MS, INFO_RETRY_INTERVAL_MS, INFO_RETRY_INTERVAL_MS];
		assert.deepEqual(waits, [2_000, 5_000, 15_000, 60_000, 60_000]);
		for (const [i, wait] of waits.entries()) {
			mock.timers.tick(wait - 1);
			assert.equal(info.questions.length, i, `not asked before ${wait} ms`);
			mock.timers.tick(1);
			assert.equal(info.questions.length, i + 1, `asked after ${wait} ms`);
			// A question that hangs (up to podman's timeout) is not joined by another.
			mock.timers.tick(10 * INFO_RETRY_INTERVAL_MS);
			assert.equal(info.questions.length, i + 1, 'never two at once');
			if (i < waits.length - 1) await info.answer(undefined);
		}
		await info.answer('{"store":{}}');
		assert.deepEqual(info.answers, ['{"store":{}}']);
		mock.timers.tick(10 * INFO_RETRY_INTERVAL_MS);
		assert.equal(info.questions.length, waits.length, 'answered: not asked again');
	});

	test('stopped: no more questions, and an answer that comes after is not applied', async () => {
		const info = new StandInInfo();
		info.retry.start();
		mock.timers.tick(INFO_RETRY_DELAYS_MS[0] ?? 0);
		assert.equal(info.questions.length, 1);
		info.retry.stop();
		await info.answer('{"store":{}}');
		assert.deepEqual(info.answers, []);

		const waiting = new StandInInfo();
		waiting.retry.start();
		waiting.retry.stop();
		mock.timers.tick(10 * INFO_RETRY_INTERVAL_MS);
		assert.equal(waiting.questions.length, 0, 'the wait ended with it');
	});
});
