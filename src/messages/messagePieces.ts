/** Values for a message's `{name}` placeholders. */
export type MessageParams = Readonly<Record<string, string | number>>;

/**
 * A `{name}` placeholder, or a plural one, `{name|one:word|other:words}`, with its forms by
 * category (`forms` undefined on a plain one). `whole` is the placeholder as written: a message
 * given no value for `name` shows it as it is.
 */
interface Placeholder {
	readonly name: string;
	readonly whole: string;
	readonly forms: ReadonlyMap<string, string> | undefined;
}

/** A message cut into its literal texts and its placeholders, in order: filling it only joins them. */
export type MessagePieces = readonly (string | Placeholder)[];

/**
 * A plural placeholder (a form's text holds neither `|` nor `}`), then a plain one: the plural is
 * tried first at each position, as when the plural ones were replaced in a first pass.
 */
const PLACEHOLDER = /\{(\w+)((?:\|\w+:[^|}]*)+)\}|\{(\w+)\}/g;

/** Cuts `text` into pieces once, so that a message drawn at every tick is not parsed at every tick. */
export function messagePieces(text: string): MessagePieces {
	const pieces: (string | Placeholder)[] = [];
	let from = 0;
	for (const match of text.matchAll(PLACEHOLDER)) {
		const [whole, pluralName, forms, plainName] = match;
		if (match.index > from) pieces.push(text.slice(from, match.index));
		pieces.push(forms === undefined ? { name: plainName ?? '', whole, forms: undefined } : { name: pluralName ?? '', whole, forms: formsByCategory(forms) });
		from = match.index + whole.length;
	}
	if (from < text.length) pieces.push(text.slice(from));
	return pieces;
}

/** `|one:word|other:words` as category → form; a category written twice keeps its last form. */
function formsByCategory(forms: string): ReadonlyMap<string, string> {
	return new Map(
		forms
			.slice(1)
			.split('|')
			.map((form) => {
				const colon = form.indexOf(':');
				return [form.slice(0, colon), form.slice(colon + 1)] as const;
			}),
	);
}

/**
 * The message with its placeholders filled from `params`; a plural placeholder takes the form that
 * agrees with its number by `rules`, else its `other` form. A value that is not a number (a test's
 * marker) is `other`; a number given as text ('1') counts as that number.
 */
export function fillPieces(pieces: MessagePieces, params: MessageParams, rules: Intl.PluralRules): string {
	let text = '';
	for (const piece of pieces) {
		if (typeof piece === 'string') text += piece;
		// `in`, as before: a value given as undefined is a value ("undefined").
		else if (!(piece.name in params)) text += piece.whole;
		else if (piece.forms === undefined) text += String(params[piece.name]);
		else text += pluralForm(piece.forms, params[piece.name], rules);
	}
	return text;
}

function pluralForm(forms: ReadonlyMap<string, string>, value: string | number | undefined, rules: Intl.PluralRules): string {
	const count = typeof value === 'number' ? value : Number(value);
	const category = Number.isFinite(count) ? rules.select(count) : 'other';
	return forms.get(category) ?? forms.get('other') ?? '';
}
