import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { projectRoot } from '../helpers/fixtures.js';

/**
 * Every podman argv is written once, in src/podman/commands.ts: this reads the source like a
 * grep and fails on an argv literal anywhere else in the program (src/, components/, hooks/).
 * An argv literal is an array that opens with a podman verb (`['ps', …`, `['run', '-d', …`,
 * `['container', 'inspect', …`), or `'inspect',` anywhere. `new Set([…])` of event or runtime
 * words and indexed types (`Podman['run']`) are not argv.
 */
const VERBS = [
	'ps',
	'inspect',
	'info',
	'events',
	'version',
	'--version',
	'run',
	'exec',
	'create',
	'start',
	'stop',
	'restart',
	'kill',
	'rm',
	'pause',
	'unpause',
	'rename',
	'container',
	'pod',
	'image',
	'logs',
	'top',
	'wait',
];
const ARGV_LITERAL = new RegExp(String.raw`(?<![\w$.)\]]|Set\()\[\s*'(?:${VERBS.join('|')})'\s*[,\]]|'inspect'\s*,`);

/** Lines that look like podman argv and are not, with why. */
const NOT_PODMAN = [
	/\['kill', '-9', /, // kill(1), shown for the orphan lesson's conmon kill
];

const FOLDERS = ['src', 'components', 'hooks'];

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(path);
		return /\.tsx?$/.test(entry.name) ? [path] : [];
	});
}

function argvLiterals(text: string): string[] {
	return text.split('\n').filter((line) => ARGV_LITERAL.test(line) && !NOT_PODMAN.some((allowed) => allowed.test(line)));
}

describe('podman argv written once', () => {
	test('the check catches argv literals and lets the rest be', () => {
		for (const line of [
			"podman.run(['ps', '-a', '--format', 'json'])",
			"const args = ['events', '--format', 'json'];",
			"command: (ctx) => ({ podman: ['run', '-d', '--name', name] })",
			"onLessonContainer((id) => ['container', 'inspect', '--format', '{{.State.ConmonPid}}', id])",
			"return ['rm', '-f', id];",
			"podman.run(['--version'])",
			"const args = [ 'inspect', id ];",
		])
			assert.deepEqual(argvLiterals(line), [line], line);
		for (const line of [
			"const START_EVENTS = new Set(['create', 'init', 'start', 'restart']);",
			"private query(args: readonly string[]): ReturnType<Podman['run']> {",
			"const command = ['kill', '-9', String(pid)];",
			"t('status.inspectFailed', { message })",
			"const keys = ['s', 'x'];",
		])
			assert.deepEqual(argvLiterals(line), [], line);
	});

	test('no file outside src/podman/ writes a podman argv', () => {
		const root = projectRoot();
		const files = FOLDERS.flatMap((folder) => sourceFiles(join(root, folder))).filter((file) => !relative(root, file).startsWith(`${join('src', 'podman')}/`));
		assert.ok(files.length > 50, `only ${files.length} source files found`);
		const found = files.flatMap((file) => argvLiterals(readFileSync(file, 'utf8')).map((line) => `${relative(root, file)}: ${line.trim()}`));
		assert.deepEqual(found, [], 'build these with src/podman/commands.ts');
	});
});
