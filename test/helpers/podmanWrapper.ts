import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A stand-in `podman` for fault tests: a shell script that runs the real podman, except that
 * it can hang on chosen subcommands (to test timeouts), fail on others (`failOn`, to test what
 * a failing `ps` or `inspect` does) or only on their first call (`failFirst`: a transient error, a
 * lock held at start), and log every call with start and end
 * times (to test that an action never runs twice at once). The script's text is fixed; the
 * test's values reach it only as quoted paths and words chosen by the test itself.
 */
export function writePodmanWrapper(dir: string, options: { hangOn?: string[]; failOn?: string[]; failFirst?: string[]; callLog?: string } = {}): string {
	const path = join(dir, 'podman-wrapper');
	const hang = [
		...(options.hangOn ?? []).map((word) => `  ${word}) exec sleep 600 ;;`),
		// As podman fails: an `Error:` line on stderr and exit code 125.
		...(options.failOn ?? []).map((word) => `  ${word}) echo "Error: injected failure of podman $1 (test stand-in)" >&2; exit 125 ;;`),
		// The first call leaves a mark beside the script; the next ones find it and run podman.
		...(options.failFirst ?? []).map(
			(word) =>
				`  ${word}) if [ ! -e '${join(dir, `failed-once-${word}`)}' ]; then : > '${join(dir, `failed-once-${word}`)}'; echo "Error: injected failure of the first podman $1 (test stand-in)" >&2; exit 125; fi ;;`,
		),
	].join('\n');
	const log = options.callLog ? `'${options.callLog}'` : '/dev/null';
	writeFileSync(
		path,
		`#!/bin/bash
# Test stand-in for podman: see test/helpers/podmanWrapper.ts.
case "$1" in
${hang}
esac
start=$(date +%s%3N)
podman "$@"
rc=$?
printf '%s %s %s %s\\n' "$start" "$(date +%s%3N)" "$rc" "$*" >> ${log}
exit $rc
`,
	);
	chmodSync(path, 0o755);
	return path;
}

/** One line of the wrapper's call log. */
export interface PodmanCall {
	start: number;
	end: number;
	exitCode: number;
	args: string[];
}

/** Reads the wrapper's call log. */
export function parseCallLog(text: string): PodmanCall[] {
	return text
		.split('\n')
		.filter(Boolean)
		.map((line) => {
			const [start, end, rc, ...args] = line.split(' ');
			return { start: Number(start), end: Number(end), exitCode: Number(rc), args };
		});
}
