import { readFileSync } from 'node:fs';

const LEXICON_DIR = new URL('./lexicons/', import.meta.url);

/** Reads a JSON lexicon of src/nlp/lexicons; a missing or broken file is a bug of the checkout and throws. */
export function readLexicon(file: string): Record<string, string | string[]> {
  const url = new URL(file, LEXICON_DIR);
  try {
    return JSON.parse(readFileSync(url, 'utf8')) as Record<string, string | string[]>;
  } catch (error) {
    throw new Error(`Cannot read NLP lexicon ${url.pathname}: ${(error as Error).message}`, { cause: error });
  }
}

/** Reads a one-entry-per-line list; blank lines and `#` comments are skipped. */
export function readWordList(file: string): string[] {
  const url = new URL(file, LEXICON_DIR);
  let text: string;
  try {
    text = readFileSync(url, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read NLP word list ${url.pathname}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}
