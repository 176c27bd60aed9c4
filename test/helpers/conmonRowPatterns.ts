/**
 * Pieces of RegExp sources for conmon rows as the real program draws them, for end-to-end
 * tests that wait for a screen. A conmon row changes within seconds on its own (see
 * src/model/changeHighlight.ts), and a test cannot know which side of that moment it looks at.
 */

/** The `★ new` mark a conmon row has in its first seconds, if it is still on. */
export const MAYBE_NEW = '(?:  ★ new)?';

/**
 * Conmon `pid` shown dead with exit code `code`: its `✝ exited` row (a zombie's too), or, once
 * the mark has gone, the container's history summary that names it.
 */
export function deadConmon(pid: number, code: number): string {
	return `(?:└─ conmon ${pid}(?: zombie \\(exited, not yet reaped\\))? {2}✝ exited[^\\n]*, code ${code}\\n|└─ no conmon · last: ${pid} exited [\\d:]+, code ${code} )`;
}
