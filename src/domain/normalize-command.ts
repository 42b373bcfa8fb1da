/**
 * A chat command as it looks: composed (NFC), and without Unicode format characters (category Cf: zero-width
 * spaces and joiners, soft hyphens, byte order marks, direction marks and overrides, tags), which copy and
 * paste and phone keyboards leave in text and which would make `list` followed by one a campaign's name.
 * Spacing and case are left to the grammar.
 */
const FORMAT_CHARACTERS = /\p{Cf}/gu;

export function normalizeCommand(text: string): string {
  return text.replace(FORMAT_CHARACTERS, '').normalize('NFC');
}
