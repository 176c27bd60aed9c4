import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** One import written in a file: what it names and whether it brings values (not only types). */
export interface ImportLine {
	/** The specifier as written: './store.js', 'node:fs', 'ink'. */
	specifier: string;
	/**
	 * Only `import type …` and `export type …` vanish from the compiled program. An import whose
	 * every name is marked `type` (`import { type A } from …`) does not: under
	 * verbatimModuleSyntax (tsconfig.json) tsc and esbuild keep it as `import {} from …`, which
	 * still loads the module and runs its top level.
	 */
	typeOnly: boolean;
}

/** One import of a module, resolved: a project file (relative to the root) or a package name. */
export interface ImportEdge {
	/** A project file (relative to the root, with its .ts/.tsx extension), or a package name. */
	target: string;
	typeOnly: boolean;
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?([^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The imports written in a source text, read from its import lines (no compiler needed). */
export function importLines(text: string): ImportLine[] {
	const lines: ImportLine[] = [];
	for (const match of text.matchAll(IMPORT)) lines.push({ specifier: match[4] ?? '', typeOnly: match[2] !== undefined });
	for (const match of text.matchAll(DYNAMIC)) lines.push({ specifier: match[1] ?? '', typeOnly: false });
	return lines;
}

/** The project's TypeScript files under these folders, relative to the root. */
export function sourceFiles(root: string, folders: readonly string[]): string[] {
	const found: string[] = [];
	const walk = (dir: string): void => {
		for (const name of readdirSync(dir)) {
			const path = join(dir, name);
			if (statSync(path).isDirectory()) walk(path);
			else if (/\.tsx?$/.test(name)) found.push(relative(root, path));
		}
	};
	for (const folder of folders) if (existsSync(join(root, folder))) walk(join(root, folder));
	return found.sort();
}

/** The imports of a project file, with relative specifiers resolved to project files. */
export function importsOf(root: string, file: string): ImportEdge[] {
	return importLines(readFileSync(join(root, file), 'utf8')).map((line) => ({ target: targetOf(root, file, line.specifier), typeOnly: line.typeOnly }));
}

function targetOf(root: string, file: string, specifier: string): string {
	if (!specifier.startsWith('.')) return specifier;
	const base = resolve(root, dirname(file), specifier).replace(/\.js$/, '');
	for (const extension of ['.ts', '.tsx']) if (existsSync(base + extension)) return relative(root, base + extension);
	return relative(root, base);
}

/**
 * Every project file a file reaches through value imports, itself included, each with the chain
 * of files that leads to it (the file first), so a broken rule says which arrow to cut.
 */
export function reachableFrom(root: string, file: string): Map<string, string[]> {
	const chains = new Map<string, string[]>([[file, [file]]]);
	const queue = [file];
	while (queue.length > 0) {
		const next = queue.shift() as string;
		const chain = chains.get(next) as string[];
		for (const edge of importsOf(root, next)) {
			if (edge.typeOnly || !/\.tsx?$/.test(edge.target) || chains.has(edge.target)) continue;
			chains.set(edge.target, [...chain, edge.target]);
			queue.push(edge.target);
		}
	}
	return chains;
}
