import { CATALOGUES } from '../../src/messages/catalogues.js';
import { currentLanguage, type MessageKey } from '../../src/messages/i18n.js';

/**
 * A regular expression for a catalogue message in the current language: its fixed text
 * escaped, each `{name}` placeholder replaced by a named group `(?<name>…)` of the pattern
 * given for it, and each plural word `{name|one:word|other:words}` by any of its forms (which
 * one shows depends on the number on screen). Languages order placeholders differently, so tests
 * read the real values by name (`match.groups.conmon`), never by position.
 */
export function messagePattern(key: MessageKey, groups: Readonly<Record<string, string>>): RegExp {
	const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const parts = CATALOGUES[currentLanguage()][key].split(/(\{\w+(?:\|\w+:[^|}]*)*\})/).map((part) => {
		const placeholder = /^\{(\w+)((?:\|\w+:[^|}]*)*)\}$/.exec(part);
		if (!placeholder) return escapeRegExp(part);
		const [, name = '', forms = ''] = placeholder;
		if (forms !== '')
			return `(?:${forms
				.slice(1)
				.split('|')
				.map((form) => escapeRegExp(form.slice(form.indexOf(':') + 1)))
				.join('|')})`;
		return name in groups ? `(?<${name}>${groups[name] ?? ''})` : escapeRegExp(part);
	});
	return new RegExp(parts.join(''));
}
