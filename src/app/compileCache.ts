import nodeModule from 'node:module';

/** module.enableCompileCache, which Node has from 22.1 (and @types/node 20 does not know). */
type EnableCompileCache = (directory?: string) => unknown;

/**
 * Turns on Node's on-disk cache of compiled code, where Node has one (22.1 and later; nothing on
 * Node 20): the live view's code (React, Ink: about 1.7 MB) is then compiled once, not at every
 * start. The cache lives where Node puts it (NODE_COMPILE_CACHE, by default node-compile-cache in
 * the temporary directory); NODE_DISABLE_COMPILE_CACHE=1 turns it off. A cache that cannot be
 * written only makes the start as slow as without it: Node reports that in the return value,
 * which is not needed here.
 */
export function enableCompileCache(): void {
	const enable = (nodeModule as { enableCompileCache?: EnableCompileCache }).enableCompileCache;
	try {
		enable?.();
	} catch {
		// never worth failing the start for
	}
}
