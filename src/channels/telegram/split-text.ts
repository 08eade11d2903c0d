/** Telegram refuses a message longer than this many characters (UTF-16 code units, after entity parsing). */
export const TELEGRAM_MAX_TEXT = 4096;

// Where a text may be cut, best first: between paragraphs, lines, sentences, words.
const BOUNDARIES: RegExp[] = [/\n\s*\n/g, /\n/g, /[.!?…»)]\s+/g, /[;:,]\s+/g, /\s+/g];

/**
 * Splits a text into messages Telegram accepts, cutting at the best boundary found in the second half of
 * each piece (a paragraph, else a line, a sentence, a word), never inside a surrogate pair. Pieces are
 * trimmed; a text that fits is returned as is.
 */
export function splitText(text: string, max = TELEGRAM_MAX_TEXT): string[] {
  if (text.length <= max) return [text];
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = cutPoint(rest, max);
    const piece = rest.slice(0, cut).trimEnd();
    if (piece.length > 0) pieces.push(piece);
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}

function cutPoint(text: string, max: number): number {
  const window = text.slice(0, max);
  for (const boundary of BOUNDARIES) {
    let best = -1;
    boundary.lastIndex = 0;
    for (let m = boundary.exec(window); m; m = boundary.exec(window)) {
      // Keep the punctuation with the sentence it ends; cut after the separator.
      const end = m.index + m[0].length;
      if (end <= max && m.index >= max / 2) best = end;
    }
    if (best > 0) return best;
  }
  // No boundary in the second half (a URL, a very long word): cut hard, but not between surrogates.
  const code = text.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
}
