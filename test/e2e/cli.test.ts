import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { execa } from 'execa';
import { setLanguage, t } from '../../src/messages/i18n.js';
import { KEY_TABLE } from '../../src/present/keyTable.js';
import { cliPath, languageEnvironment } from '../helpers/tuiSession.js';

/** The command line's answers that need no container: help, version, bad flags, no podman, no terminal. In English. */
const run = (args: string[], env: Record<string, string> = {}) =>
	execa(process.execPath, [cliPath(), ...args], {
		env: { ...process.env, ...languageEnvironment('en'), ...env },
		reject: false,
		stdin: 'ignore',
		timeout: 20_000,
	});

describe('command line', () => {
	const dir = mkdtempSync(join(tmpdir(), 'conmon-tui-cli-'));
	after(() => rmSync(dir, { recursive: true, force: true }));

	test('--help lists every flag', async () => {
		const { stdout, exitCode } = await run(['--help']);
		assert.equal(exitCode, 0);
		for (const flag of ['--image', '--command', '--once', '--json', '--help', '--version']) assert.ok(stdout.includes(flag), flag);
	});

	test('--help lists every key of the key table with what it does, Space, → ← and L too, in both languages', async () => {
		for (const language of ['en', 'ja'] as const) {
			const { stdout, exitCode } = await run(['--lang', language, '--help']);
			assert.equal(exitCode, 0);
			const lines = stdout.split('\n');
			setLanguage(language);
			for (const entry of KEY_TABLE) {
				const line = lines.find((text) => text.startsWith(`  ${entry.keys}  `));
				assert.ok(line?.trimEnd().endsWith(t(entry.does)), `${language}: "${entry.keys}  ${t(entry.does)}" in:\n${stdout}`);
			}
			setLanguage('en');
		}
		const { stdout } = await run(['--help']);
		for (const key of ['Space', '→ ←', 'L', 'Escape']) assert.match(stdout, new RegExp(`^  ${key} `, 'm'), key);
	});

	test('--help in Japanese with --lang ja or a Japanese locale; usage errors stay English', async () => {
		for (const { args, env } of [
			{ args: ['--lang', 'ja', '--help'], env: {} },
			{ args: ['--help'], env: { LC_ALL: 'ja_JP.UTF-8' } },
		]) {
			const { stdout, exitCode } = await run(args, env);
			assert.equal(exitCode, 0);
			assert.match(stdout, /^使い方: conmon-tui \[オプション\]/);
			assert.ok(stdout.includes('--image IMG'), 'the flags themselves are as typed');
		}
		const { stderr } = await run(['--json'], { LC_ALL: 'ja_JP.UTF-8' });
		assert.match(stderr, /--json goes with --once/);
	});

	test('--version prints the package version', async () => {
		const { stdout, exitCode } = await run(['--version']);
		assert.equal(exitCode, 0);
		assert.match(stdout, /^\d+\.\d+\.\d+\n?$/);
	});

	test('an unknown flag: one line on stderr, exit code 2', async () => {
		const { stderr, stdout, exitCode } = await run(['--frobnicate']);
		assert.equal(exitCode, 2);
		assert.equal(stdout, '');
		assert.equal(stderr.trim().split('\n').length, 1);
		assert.match(stderr, /Unknown option '--frobnicate'/);
	});

	test('no podman on PATH: says podman is needed and how to install it, exit 1, no stack trace', async () => {
		const { stderr, exitCode } = await run(['--once'], { PATH: dir });
		assert.equal(exitCode, 1);
		assert.match(stderr, /needs podman/);
		assert.match(stderr, /apt-get install podman/);
		assert.doesNotMatch(stderr, /\n\s+at /);
	});

	test('a podman older than 4.0 is refused by name', async () => {
		const fake = join(dir, 'old-podman');
		writeFileSync(fake, '#!/bin/sh\necho "podman version 3.4.4"\n');
		chmodSync(fake, 0o755);
		const { stderr, exitCode } = await run(['--once'], { CONMON_TUI_PODMAN: fake });
		assert.equal(exitCode, 1);
		assert.match(stderr, /podman 3\.4\.4 is too old/);
	});

	test('no terminal and no --once: a clear message instead of a broken screen', async () => {
		const { stderr, exitCode } = await run([]);
		assert.equal(exitCode, 1);
		assert.match(stderr, /needs a terminal.*--once/);
	});
});
