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

/**
 * Groups of project files that import one another around a loop (type imports too: a type cycle
 * still ties two files' shapes together), each group sorted; empty when the graph is a tree of
 * layers. Tarjan's strongly connected components.
 */
export function importCycles(root: string, files: readonly string[]): string[][] {
	const inProject = new Set(files);
	return cyclesIn(
		new Map(
			files.map((file) => [
				file,
				importsOf(root, file)
					.map((edge) => edge.target)
					.filter((target) => inProject.has(target)),
			]),
		),
	);
}

/** The loops of a graph given as each node's targets (see importCycles). */
export function cyclesIn(targets: ReadonlyMap<string, readonly string[]>): string[][] {
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const cycles: string[][] = [];
	const visit = (file: string): void => {
		index.set(file, index.size);
		low.set(file, index.get(file) as number);
		stack.push(file);
		onStack.add(file);
		for (const target of targets.get(file) ?? []) {
			if (!index.has(target)) {
				visit(target);
				low.set(file, Math.min(low.get(file) as number, low.get(target) as number));
			} else if (onStack.has(target)) {
				low.set(file, Math.min(low.get(file) as number, index.get(target) as number));
			}
		}
		if (low.get(file) !== index.get(file)) return;
		const group: string[] = [];
		let member: string;
		do {
			member = stack.pop() as string;
			onStack.delete(member);
			group.push(member);
		} while (member !== file);
		if (group.length > 1) cycles.push(group.sort());
	};
	for (const file of targets.keys()) if (!index.has(file)) visit(file);
	return cycles;
}
