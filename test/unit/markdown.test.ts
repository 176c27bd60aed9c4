import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { codeSpan, fencedBlock, markdownInline, markdownParagraph } from '../../src/output/markdown.js';

describe('Markdown text', () => {
	test('inline text: markup characters are escaped, line breaks folded', () => {
		assert.equal(markdownInline('*bold* [x](y) <b> a|b ~z~ `c` &amp; \\'), '\\*bold\\* \\[x\\](y) \\<b\\> a\\|b \\~z\\~ \\`c\\` \\&amp; \\\\');
		// An underscore inside a word cannot emphasise: names stay readable.
		assert.equal(markdownInline('cool_noyce _em_ a__b'), 'cool_noyce \\_em\\_ a\\_\\_b');
		assert.equal(markdownInline('Error: one\n   two\nthree'), 'Error: one two three');
	});

	test('a paragraph: a line that would open a block is escaped at its start, indentation dropped', () => {
		assert.equal(
			markdownParagraph('# not a heading\n- not a list\n    not code\n1. not ordered\n> not a quote\n==='),
			'\\# not a heading\n\\- not a list\nnot code\n1\\. not ordered\n\\> not a quote\n\\===',
		);
		assert.equal(markdownParagraph('first\n\nsecond'), 'first\n\nsecond');
	});

	test('a code span is never closed early by a backtick inside it', () => {
		assert.equal(codeSpan('podman ps'), '`podman ps`');
		assert.equal(codeSpan("sh -c 'echo `date`'"), "``sh -c 'echo `date`'``");
		assert.equal(codeSpan('`x`'), '`` `x` ``');
		assert.equal(codeSpan('a ``` b'), '````a ``` b````');
		assert.equal(codeSpan('a\nb'), '`a b`');
	});

	test('a fenced block is longer than any backtick run inside it', () => {
		assert.equal(fencedBlock('tree'), '```text\ntree\n```');
		assert.equal(fencedBlock('x\n```\ny'), '````text\nx\n```\ny\n````');
	});
});
