import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_IMAGE, parseOptions, UsageError } from '../../src/app/options.js';
import type { TreeRow } from '../../src/model/tree.js';
import { quoteCommandWords, splitCommandWords } from '../../src/present/commandWords.js';
import { rowText } from '../../src/present/format.js';

describe('parseOptions', () => {
	test('defaults: the seed experiment', () => {
		const options = parseOptions([]);
		assert.equal(options.image, DEFAULT_IMAGE);
		assert.deepEqual(options.command, ['sleep', 'infinity']);
		assert.equal(options.once, false);
		assert.equal(options.json, false);
	});

	test('--image and --command, in both spellings', () => {
		const options = parseOptions(['--image', 'localhost/x:1', "--command=sh -c 'exit 3'", '--once', '--json']);
		assert.equal(options.image, 'localhost/x:1');
		assert.deepEqual(options.command, ['sh', '-c', 'exit 3']);
		assert.equal(options.once, true);
		assert.equal(options.json, true);
	});

	test('an image with shell metacharacters stays one argument', () => {
		assert.equal(parseOptions(['--image', 'alpine; rm -rf /']).image, 'alpine; rm -rf /');
	});

	test('lesson, with and without a name; --lang and --record', () => {
		assert.deepEqual(parseOptions(['lesson']).lesson, { name: undefined });
		assert.deepEqual(parseOptions(['lesson', 'orphan', '--lang', 'ja']).lesson, { name: 'orphan' });
		assert.equal(parseOptions(['--lang=ja']).lang, 'ja');
		assert.equal(parseOptions([]).lang, undefined);
		assert.equal(parseOptions(['--record', 'out.md']).recordFile, 'out.md');
		assert.equal(parseOptions([]).lesson, undefined);
	});

	for (const [argv, message] of [
		[['--bogus'], /Unknown option '--bogus'/],
		[['stray'], /unknown command "stray"/],
		[['lesson', 'a', 'b'], /one lesson name/],
		[['lesson', '--once'], /does not go with --once/],
		[['--lang', 'fr'], /--lang must be en or ja/],
		[['--record', ''], /--record needs a file name/],
		[['--once', '--record', 'x.md'], /does not go with --once/],
		[['--image'], /--image/],
		[['--image', ''], /--image needs an image name/],
		[['--command', "sh -c 'oops"], /unterminated ' quote/],
		[['--json'], /--json goes with --once/],
		[['--timeout', '-5'], /^--timeout needs a number of seconds above 0, not "-5"$/],
		[['--timeout=-5'], /^--timeout needs a number of seconds above 0, not "-5"$/],
		[['--timeout=abc'], /^--timeout needs a number of seconds above 0, not "abc"$/],
		[['--timeout', '0'], /^--timeout needs a number of seconds above 0, not "0"$/],
		[['--image', '-x'], /^--image "-x" reads as an option; if it is the value, write --image=-x$/],
	] as const) {
		test(`refuses ${JSON.stringify(argv)} with a one-line message`, () => {
			assert.throws(
				() => parseOptions(argv),
				(error: unknown) => {
					assert.ok(error instanceof UsageError);
					assert.match(error.message, message);
					assert.equal(error.message.includes('\n'), false);
					return true;
				},
			);
		});
	}
});

describe('splitCommandWords', () => {
	test('splits like a shell without being one', () => {
		assert.deepEqual(splitCommandWords('sleep infinity'), ['sleep', 'infinity']);
		assert.deepEqual(splitCommandWords('  sh  -c   "echo \\"hi\\"; exit 3"  '), ['sh', '-c', 'echo "hi"; exit 3']);
		assert.deepEqual(splitCommandWords("a 'b c' d\\ e ''"), ['a', 'b c', 'd e', '']);
		assert.deepEqual(splitCommandWords('echo $HOME `id` ; rm -rf /'), ['echo', '$HOME', '`id`', ';', 'rm', '-rf', '/']);
		assert.deepEqual(splitCommandWords(''), []);
	});

	test('an unterminated quote is an error', () => {
		assert.throws(() => splitCommandWords('echo "x'), /unterminated " quote/);
	});
});

describe('quoteCommandWords', () => {
	test('quotes a word with a space or a shell character, so the line reads back into the same words', () => {
		const words = ['sh', '-c', 'sleep 3; exit 3', "it's", '起動', '--x=1', ''];
		const line = quoteCommandWords(words);
		assert.equal(line, "sh -c 'sleep 3; exit 3' 'it'\\''s' 起動 --x=1 ''");
		assert.deepEqual(splitCommandWords(line).slice(0, 5), words.slice(0, 5));
	});

	test('a process row: its command then its PID, not run together', () => {
		assert.equal(
			rowText(
				{
					kind: 'process',
					key: 'p',
					containerId: 'c',
					depth: 1,
					process: { pid: 14352, ppid: 1, comm: 'sh', argv: ['sh', '-c', 'sleep 3; exit 3'], state: 'S', startTicks: 0 },
				} as unknown as TreeRow,
				0,
			),
			"sh -c 'sleep 3; exit 3' 14352",
		);
	});
});

describe('--yes and --read-only', () => {
	test('both off by default, each on by its flag', () => {
		const plain = parseOptions([]);
		assert.equal(plain.yes, false);
		assert.equal(plain.readOnly, false);
		assert.equal(parseOptions(['--yes']).yes, true);
		assert.equal(parseOptions(['--read-only']).readOnly, true);
	});

	test('a lesson runs commands, so it is refused with --read-only', () => {
		assert.throws(
			() => parseOptions(['lesson', 'lifecycle', '--read-only']),
			(error: unknown) => error instanceof UsageError && /--read-only/.test(error.message),
		);
		assert.throws(() => parseOptions(['--read-only', 'lesson']), UsageError);
	});
});
