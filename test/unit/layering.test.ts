import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { projectRoot } from '../helpers/fixtures.js';
import { cyclesIn, importCycles, importLines, importsOf, reachableFrom, sourceFiles } from '../helpers/importGraph.js';

/**
 * The layers' arrows, checked on the import lines of the source (README, Design notes): the views
 * and the pure layers never reach code that runs podman or reads /proc; /proc code knows nothing
 * but processes; only the podman adapter runs programs; hooks never import components; no loops.
 */
const root = projectRoot();

/** Modules that do I/O: they run programs, read files or watch them. */
const IO_MODULES = [
	'execa',
	...['fs', 'fs/promises', 'child_process', 'readline', 'net', 'http', 'https', 'dgram', 'worker_threads'].flatMap((name) => [name, `node:${name}`]),
];

/** Folders whose code only draws, or computes from data handed to it. */
const PURE_FOLDERS = ['components', 'hooks', 'src/model', 'src/present', 'src/state'];

/** Each way a file reaches an I/O module, as a chain of value imports: `a.ts → b.ts → node:fs`. */
function ioReachedFrom(file: string): string[] {
	const found: string[] = [];
	for (const [reached, chain] of reachableFrom(root, file)) {
		for (const edge of importsOf(root, reached)) {
			if (!edge.typeOnly && IO_MODULES.includes(edge.target)) found.push([...chain, edge.target].join(' → '));
		}
	}
	return found;
}

describe('layers', () => {
	for (const folder of PURE_FOLDERS) {
		it(`${folder}/ never reaches code that runs podman or reads /proc`, () => {
			const files = sourceFiles(root, [folder]);
			assert.ok(files.length > 0, `no source files in ${folder}/`);
			const problems = files.flatMap(ioReachedFrom);
			assert.deepEqual(problems, []);
		});
	}

	it('src/proc/ imports nothing else of the project: it is about processes only (no podman/, no messages/)', () => {
		const problems = sourceFiles(root, ['src/proc']).flatMap((file) =>
			importsOf(root, file)
				.filter((edge) => /^(src|components|hooks)\//.test(edge.target) && !edge.target.startsWith('src/proc/'))
				.map((edge) => `${file} → ${edge.target}`),
		);
		assert.deepEqual(problems, []);
	});

	it('src/remote/ (the far host: ssh and its script) imports only src/proc/ of the project: it reads processes, far away', () => {
		const files = sourceFiles(root, ['src/remote']);
		assert.ok(files.length > 0, 'no source files in src/remote/');
		const problems = files.flatMap((file) =>
			importsOf(root, file)
				.filter((edge) => /^(src|components|hooks)\//.test(edge.target) && !/^src\/(proc|remote)\//.test(edge.target))
				.map((edge) => `${file} → ${edge.target}`),
		);
		assert.deepEqual(problems, []);
	});

	it('hooks/ never import components/ (components use hooks, not the other way)', () => {
		const problems = sourceFiles(root, ['hooks']).flatMap((file) =>
			importsOf(root, file)
				.filter((edge) => edge.target.startsWith('components/'))
				.map((edge) => `${file} → ${edge.target}`),
		);
		assert.deepEqual(problems, []);
	});

	it('only src/app/ (the wiring) imports components/ or hooks/ from src/', () => {
		const problems = sourceFiles(root, ['src'])
			.filter((file) => !file.startsWith('src/app/'))
			.flatMap((file) =>
				importsOf(root, file)
					.filter((edge) => /^(components|hooks)\//.test(edge.target))
					.map((edge) => `${file} → ${edge.target}`),
			);
		assert.deepEqual(problems, []);
	});

	it('the views and the pure layers take only types from src/app/ (the wiring): actions are handed in', () => {
		const problems = sourceFiles(root, PURE_FOLDERS).flatMap((file) =>
			importsOf(root, file)
				.filter((edge) => !edge.typeOnly && edge.target.startsWith('src/app/'))
				.map((edge) => `${file} → ${edge.target}`),
		);
		assert.deepEqual(problems, []);
	});

	it('only src/podman/ and src/remote/ run programs (podman; ssh to the far host for its /proc)', () => {
		const problems = sourceFiles(root, ['src', 'components', 'hooks'])
			.filter((file) => !file.startsWith('src/podman/') && !file.startsWith('src/remote/'))
			.flatMap((file) =>
				importsOf(root, file)
					.filter((edge) => !edge.typeOnly && ['execa', 'child_process', 'node:child_process'].includes(edge.target))
					.map((edge) => `${file} → ${edge.target}`),
			);
		assert.deepEqual(problems, []);
	});

	it('no files import each other around a loop (type imports count: the arrows point one way)', () => {
		assert.deepEqual(importCycles(root, sourceFiles(root, ['src', 'components', 'hooks'])), []);
	});

	it('the reader of import lines tells value imports from type-only ones (the rules above depend on it)', () => {
		const text = [
			"import { readFileSync } from 'node:fs';",
			"import type { Store } from './store.js';",
			"import { type Row } from './row.js';",
			"export type { Lesson } from './lesson.js';",
			"export * from './present.js';",
			'import {',
			'\tlong,',
			'\tlist,',
			"} from './many.js';",
			"import './sideEffect.js';",
			"const lazy = await import('./lazy.js');",
		].join('\n');
		assert.deepEqual(importLines(text), [
			{ specifier: 'node:fs', typeOnly: false },
			{ specifier: './store.js', typeOnly: true },
			// verbatimModuleSyntax keeps it as `import {} from './row.js'`: the module still loads.
			{ specifier: './row.js', typeOnly: false },
			{ specifier: './lesson.js', typeOnly: true },
			{ specifier: './present.js', typeOnly: false },
			{ specifier: './many.js', typeOnly: false },
			{ specifier: './sideEffect.js', typeOnly: false },
			{ specifier: './lazy.js', typeOnly: false },
		]);
	});

	it('the graph follows value imports through the project and not type-only ones', () => {
		const reached = reachableFrom(root, 'test/helpers/importGraph.ts');
		assert.deepEqual([...reached.keys()], ['test/helpers/importGraph.ts']);
		assert.ok(importsOf(root, 'test/helpers/importGraph.ts').some((edge) => edge.target === 'node:fs' && !edge.typeOnly));
		const fromTest = reachableFrom(root, 'test/unit/layering.test.ts');
		assert.deepEqual(fromTest.get('test/helpers/importGraph.ts'), ['test/unit/layering.test.ts', 'test/helpers/importGraph.ts']);
	});

	it('a loop of imports is found however long it is (the loop rule depends on it)', () => {
		const graph = new Map([
			['store', ['frozenView', 'model']],
			['frozenView', ['store']],
			['model', []],
			['a', ['b']],
			['b', ['c']],
			['c', ['a', 'model']],
		]);
		assert.deepEqual(cyclesIn(graph), [
			['frozenView', 'store'],
			['a', 'b', 'c'],
		]);
		assert.deepEqual(
			cyclesIn(
				new Map([
					['a', ['b']],
					['b', []],
				]),
			),
			[],
		);
	});
});
