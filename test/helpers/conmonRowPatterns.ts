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

/** A running container's row (found by its ID) with its conmon right below and `sleep infinity`, the container's first process, below that. */
export function runningUnderConmon(id: string, conmon: number, containerPid: number): string {
	return `${id.slice(0, 12)} .*Up[^\\n]*\\n {4}└─ conmon ${conmon}${MAYBE_NEW}\\n +└─ sleep infinity ${containerPid}\\n`;
}

/**
 * The conmon of a container's second start, naming the first one as exited (with its exit code, or
 * `code unknown` before podman's died event brought it), and `sleep infinity` below it.
 */
export function secondStart(second: number, first: number, containerPid: number): string {
	return `└─ conmon ${second} {2}\\(2nd start; before: ${first} exited \\d\\d:\\d\\d:\\d\\d, (?:code \\d+|code unknown)\\)${MAYBE_NEW}\\n +└─ sleep infinity ${containerPid}\\n`;
}
