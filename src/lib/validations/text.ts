// What free text may hold: no control characters (NUL included: Postgres refuses it in text) and
// no bidirectional overrides or isolates (they make a name display as something else), and at
// least one character a reader can see. Shared by the pet schemas and the list's search.
const CONTROL_OR_BIDI = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;
const CONTROL_OR_BIDI_ALL = new RegExp(CONTROL_OR_BIDI.source, 'gu');

/**
 * Characters that draw nothing: spaces and separators, format characters (zero-width space,
 * joiners), controls, combining marks on their own, and the letters that are blank by design
 * (Hangul fillers, the Braille blank, the Mongolian vowel separator).
 */
const INVISIBLE = /[\s\p{Z}\p{Cf}\p{Cc}\p{M}\u115F\u1160\u3164\uFFA0\u2800\u180E]/u;

export function hasControlOrBidiCharacter(text: string): boolean {
  return CONTROL_OR_BIDI.test(text);
}

export function hasVisibleCharacter(text: string): boolean {
  for (const character of text) if (!INVISIBLE.test(character)) return true;
  return false;
}

/** The text without control and bidirectional-override characters (for lenient inputs like search). */
export function withoutControlCharacters(text: string): string {
  return text.replace(CONTROL_OR_BIDI_ALL, '');
}
