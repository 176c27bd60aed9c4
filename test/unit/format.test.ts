import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setLanguage, t } from '../../src/messages/i18n.js';
import type { Container } from '../../src/model/container.js';
import { containerStatus, formatAge, formatDuration } from '../../src/present/format.js';
import { containerId, makeContainer, NOW } from '../helpers/fixtureState.js';

describe('durations', () => {
	test('formatDuration is exact to the second below an hour, then to the minute, then to the hour', () => {
		assert.deepEqual([0, 4_000, 59_999, 60_000, 192_000, 3_599_000, 3_600_000, 7_500_000, 90_000_000].map(formatDuration), [
			'0s',
			'4s',
			'59s',
			'1m00s',
			'3m12s',
			'59m59s',
			'1h00m',
			'2h05m',
			'1d01h',
		]);
	});

	test('formatAge (the tree) drops the seconds between one minute and one hour, and is formatDuration elsewhere', () => {
		assert.deepEqual([-5_000, 0, 4_000, 59_999, 60_000, 192_000, 3_599_000, 3_600_000, 7_500_000, 90_000_000].map(formatAge), [
			'0s',
			'0s',
			'4s',
			'59s',
			'1m',
			'3m',
			'59m',
			'1h00m',
			'2h05m',
			'1d01h',
		]);
	});

	test('formatAge, which keeps the ages it made by whole second, answers as made afresh in each language and past its bound', () => {
		/** formatAge as it was before it kept its ages. */
		const afresh = (ms: number) => {
			const minutes = Math.floor(Math.max(0, ms) / 60_000);
			return minutes >= 1 && minutes < 60 ? t('duration.minutes', { m: minutes }) : formatDuration(ms);
		};
		try {
			for (const language of ['en', 'ja', 'en'] as const) {
				setLanguage(language);
				// 2 000 seconds, each at its start and its end: four times the bound, and every unit from seconds to hours.
				for (let second = 0; second < 2_000; second++) {
					for (const ms of [second * 1_000, second * 1_000 + 999]) assert.equal(formatAge(ms), afresh(ms), `${language}, ${ms} ms`);
				}
				for (const ms of [-5_000, 3_600_000, 90_000_000, 400 * 86_400_000]) assert.equal(formatAge(ms), afresh(ms), `${language}, ${ms} ms`);
			}
			setLanguage('ja');
			assert.notEqual(formatAge(4_000), '4s');
		} finally {
			setLanguage('en');
		}
	});
});

describe('container statuses, made once while they read the same', () => {
	/** Containers whose statuses change each second, minute or hour, or never, with their ages near a change. */
	function containers(): Container[] {
		const make = (name: string, over: Partial<Container>) => makeContainer({ id: containerId(name), name, ...over });
		return [
			make('young', { startedAt: NOW }),
			make('almost-a-minute', { startedAt: NOW - 59_500 }),
			make('almost-an-hour', { startedAt: NOW - 3_599_500 }),
			make('almost-a-day', { startedAt: NOW - 86_399_500 }),
			make('not-yet-started', { startedAt: NOW + 2_000 }),
			make('start-unknown', { startedAt: undefined }),
			make('exited', { state: 'exited', exitCode: 137, finishedAt: NOW - 59_900 }),
			make('stopped-no-code', { state: 'stopped', exitCode: undefined, finishedAt: NOW - 3_000 }),
			make('exited-unknown-time', { state: 'exited', finishedAt: undefined }),
			make('paused', { state: 'paused' }),
			make('created', { state: 'created' }),
			make('odd-state', { state: 'restarting' }),
		];
	}

	test('each status, asked at times forward, back and across its changes, is the one a fresh container object gets', () => {
		const all = containers();
		const steps = [0, 137, 499, 500, 501, 999, 1_000, 2_000, 60_000, 59_000, 3_600_000, 86_400_000, 86_400_600, 90_000_000, 1_000, -1_000, 0];
		try {
			for (const language of ['en', 'ja', 'en'] as const) {
				setLanguage(language);
				for (const step of steps) {
					const now = NOW + step;
					for (const container of all)
						assert.equal(containerStatus(container, now), containerStatus({ ...container }, now), `${language} ${container.name} at +${step} ms`);
				}
			}
		} finally {
			setLanguage('en');
		}
	});
});
