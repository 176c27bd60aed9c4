/**
 * User-perceived characters (grapheme clusters) without ICU where every character is its own.
 *
 * The first Intl.Segmenter a process makes loads ICU's break rules: about 20 ms on this project's
 * test machines, on the start's one thread, before the first frame (bench/RESULTS.md, round
 * eight). Ink's output, string-width and slice-ansi each made one as they loaded. A tree row is
 * ASCII, box drawing and a few symbols, every one of them a cluster of its own; so the segmenter
 * here answers those texts by their code units and makes ICU's only for a text that needs it (a
 * combining mark, an emoji, Japanese). The bundle gives it to those libraries in place of theirs
 * (scripts/inkPatches.mjs `graphemesWhenNeeded`).
 */

/**
 * Characters each one column wide and a grapheme cluster of their own beside any other: printable
 * ASCII, Latin-1 (not the soft hyphen), general punctuation (– — … ‰), arrows, ⏎, box drawing,
 * block elements and geometric shapes (└ ─ ● ▶), ★, ⚠, ✝. test/unit/graphemes.test.ts checks each
 * one against string-width and ICU's segmenter.
 */
const ONE_COLUMN_CHARACTERS = String.raw`\u0020-\u007E\u00A0-\u00AC\u00AE-\u00FF\u2010-\u2027\u2030-\u205E\u2190-\u21FF\u23CE\u2500-\u25FC\u2605\u26A0\u271D`;

/** Texts whose every character is in ONE_COLUMN_CHARACTERS, so that the width is the length. */
export const ONE_COLUMN_EACH = new RegExp(`^[${ONE_COLUMN_CHARACTERS}]*$`);

/**
 * Texts whose every character is a grapheme cluster of its own, beside any other: the one-column
 * characters and the controls (ESC and the rest of C0, DEL, C1: Ink's colours are escape
 * sequences), but not CR, which joins a following LF.
 */
export const OWN_CLUSTER_EACH = new RegExp(String.raw`^[\u0000-\u000C\u000E-\u009F${ONE_COLUMN_CHARACTERS}]*$`);

/** What Intl.Segmenter's `segment()` gives that the libraries use: the clusters in order, and the one at an index. */
export interface GraphemeSegments extends Iterable<Intl.SegmentData> {
	containing(codeUnitIndex?: number): Intl.SegmentData | undefined;
}

/** A text of OWN_CLUSTER_EACH characters: each code unit is a cluster, as ICU would say. */
class OwnClusters implements GraphemeSegments {
	constructor(private readonly text: string) {}

	*[Symbol.iterator](): Iterator<Intl.SegmentData> {
		for (let index = 0; index < this.text.length; index++) yield this.at(index);
	}

	containing(codeUnitIndex = 0): Intl.SegmentData | undefined {
		// As ICU: the index made an integer (NaN is 0).
		const index = Math.trunc(codeUnitIndex) || 0;
		return index >= 0 && index < this.text.length ? this.at(index) : undefined;
	}

	private at(index: number): Intl.SegmentData {
		return { segment: this.text.charAt(index), index, input: this.text };
	}
}

let icu: Intl.Segmenter | undefined;

/** The grapheme clusters of `text`, as `new Intl.Segmenter().segment(text)` gives them. */
export function graphemeSegments(text: string): GraphemeSegments {
	if (OWN_CLUSTER_EACH.test(text)) return new OwnClusters(text);
	icu ??= new Intl.Segmenter();
	return icu.segment(text);
}

/** A stand-in for `new Intl.Segmenter()`: grapheme clusters, in the default locale, as each of those libraries asks. */
export const graphemeSegmenter = { segment: graphemeSegments };
