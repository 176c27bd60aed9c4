import { t, type MessageKey } from '../../src/messages/i18n.js';

/**
 * A regular expression for a catalogue message in the current language: its fixed text
 * escaped, each `{name}` placeholder replaced by a named group `(?<name>…)` of the pattern
 * given for it. Languages order placeholders differently, so tests read the real values
 * by name (`match.groups.conmon`), never by position.
 */
export function messagePattern(key: MessageKey, groups: Readonly<Record<string, string>>): RegExp {
	const marker = (name: string): string => `\u0000${name}\u0000`;
	const template = t(key, Object.fromEntries(Object.keys(groups).map((name) => [name, marker(name)])));
	const escaped = template.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return new RegExp(escaped.replace(/\u0000(\w+)\u0000/g, (_whole, name: string) => `(?<${name}>${groups[name] ?? ''})`));
}
