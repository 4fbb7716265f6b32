// Text people type (owners and buyers), made safe to store and to show anywhere: an email subject, an
// HTML page, an XML share card, a CSV cell. The rules (decision 010) are the same for every field; a
// field only chooses whether it keeps line breaks.

/** Every way a line can end: CRLF, CR, vertical tab, form feed, NEL, the Unicode line and paragraph separators. */
const LINE_BREAKS = /\r\n|[\r\v\f\u0085\u2028\u2029]/g;

/**
 * Characters that are never text: C0 and C1 controls (\n is handled before), lone surrogate halves,
 * noncharacters (U+FFFE, U+FFFF and the rest), the bidi embedding/override/isolate controls that can
 * make text read backwards (Trojan Source), and the zero-width no-break space (a stray byte-order mark).
 * All but the bidi controls and U+FEFF are illegal or discouraged in XML 1.0 and refused by our mailer.
 */
const NOT_TEXT = /(?![\n])\p{Cc}|\p{Cs}|\p{Noncharacter_Code_Point}|[\u202A-\u202E\u2066-\u2069\uFEFF]/gu;

/**
 * Multi-line text as stored: line breaks become `\n`, tabs spaces, characters that are not text are
 * dropped, Unicode NFC, trimmed. (Spaces at line ends stay: two of them are a Markdown line break.)
 *
 * @example cleanMultiLineText("12 Oak Lane\r\nGreen gate\u0000 ") // "12 Oak Lane\nGreen gate"
 */
export function cleanMultiLineText(value: string): string {
  return value.replace(LINE_BREAKS, "\n").replace(/\t/g, " ").replace(NOT_TEXT, "").normalize("NFC").trim();
}

/**
 * One-line text as stored: the multi-line rules, then each line break (with the spaces around it)
 * folds into one space, so a name pasted with a newline reads as it was meant.
 *
 * @example cleanSingleLineText("Mei\nWong\t") // "Mei Wong"
 */
export function cleanSingleLineText(value: string): string {
  return cleanMultiLineText(value).replace(/ *\n+ */g, " ");
}

/** Whether text is already clean for its kind (what `clean…Text` would leave unchanged). */
export function isCleanText(value: string, kind: "single-line" | "multi-line"): boolean {
  return (kind === "single-line" ? cleanSingleLineText(value) : cleanMultiLineText(value)) === value;
}
