import { readFileSync } from 'node:fs';

/** Parses /etc/passwd lines into user names by UID. */
export function parsePasswd(text: string): Record<number, string> {
	const names: Record<number, string> = {};
	for (const line of text.split('\n')) {
		const [name, , uid] = line.split(':');
		if (name && uid !== undefined && /^\d+$/.test(uid)) names[Number(uid)] = name;
	}
	return names;
}

/** User names by UID from /etc/passwd (empty if unreadable: UIDs are shown instead). */
export function readUserNames(path = '/etc/passwd'): Record<number, string> {
	try {
		return parsePasswd(readFileSync(path, 'utf8'));
	} catch {
		return {};
	}
}
