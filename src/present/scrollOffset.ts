// Which line a scrolled list (the tree, the hosts' tree) shows first: the cursor's block in view,
// scrolling no more than it must, so that rows do not jump while the cursor stays on screen.

/** The lines that belong with the cursor: from `top` (a heading above it, or the cursor's own line) to `end`, its branch's last line. */
export interface CursorBlock {
	top: number;
	end: number;
}

/**
 * The first line to show so that the cursor's block is in view, as much of it as fits from its
 * top; `previous` is the last offset, kept while the block is in view.
 */
export function scrollOffset(block: CursorBlock | undefined, height: number, previous: number, total: number): number {
	let offset = previous;
	if (block) {
		const lastWanted = Math.min(block.end, block.top + height - 1);
		if (block.top < offset) offset = block.top;
		else if (lastWanted >= offset + height) offset = lastWanted - height + 1;
	}
	return Math.max(0, Math.min(offset, total - height));
}

/**
 * The last line of the branch under `lines[index]`: the lines just after it that `inBranch`
 * accepts. A branch is the cursor's own rows (a container's conmon and processes), never the rows
 * that merely follow it: the group of conmons podman does not list comes after the last container,
 * and taking it as that container's branch scrolled everything above the container off screen.
 */
export function branchEnd<T>(lines: readonly T[], index: number, inBranch: (line: T) => boolean): number {
	let end = index;
	while (end + 1 < lines.length && inBranch(lines[end + 1] as T)) end++;
	return end;
}
