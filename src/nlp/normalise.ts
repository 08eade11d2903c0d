import './quiet-dotenv.ts';
import { createRequire } from 'node:module';
import { readLexicon, readWordList } from './lexicon-files.ts';

/*
 * natural's PorterStemmerFr, loaded from its own module rather than through `import natural from 'natural'`:
 * the package index loads every language and classifier natural has (1–3 s at start-up for every process:
 * the bot, each CLI call, each test file), while the stemmer alone loads in milliseconds. It is the very
 * same object as `natural.PorterStemmerFr` (tests/nlp/normalise.test.ts checks it).
 */
const requireCjs = createRequire(import.meta.url);
export const porterStemmerFr = requireCjs('natural/lib/natural/stemmers/porter_stemmer_fr.js') as {
  stem(word: string): string;
};

/*
 * Residents write as they speak: SMS abbreviations, Réunion Creole, elongations, emojis. Everything here
 * is data-driven (src/nlp/lexicons/*), so improving Kozé's reading of a word means editing a lexicon,
 * not a regular expression.
 */

const LIGATURES: Record<string, string> = {
  œ: 'oe',
  Œ: 'OE',
  æ: 'ae',
  Æ: 'AE',
  ß: 'ss',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
};
const LIGATURE_RE = /[œŒæÆßøØłŁđĐ]/g;

/** Removes diacritics: é→e, ç→c, œ→oe… Case is kept. */
export function foldAccents(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(LIGATURE_RE, (c) => LIGATURES[c] ?? c);
}

/** Lexicon keys and values are compared in the same form as the text: lowercase, accents folded. */
function fold(word: string): string {
  return foldAccents(word.toLowerCase()).trim();
}

function foldedMap(entries: Record<string, string | string[]>): Map<string, string> {
  const map = new Map<string, string>();
  for (const [key, value] of Object.entries(entries)) {
    const words = Array.isArray(value) ? value.join(' ') : value;
    map.set(
      fold(key),
      fold(words)
        .replace(/[^a-z0-9]+/g, ' ')
        .trim(),
    );
  }
  return map;
}

// SMS first: where both lexicons know a token (e.g. "ki"), they agree, and SMS forms are the more common.
const sms = foldedMap(readLexicon('sms.json'));
const creole = foldedMap(readLexicon('creole.json'));
for (const [word, french] of foldedMap(readLexicon('creole-supplement.json'))) {
  if (!word.startsWith('_') && !creole.has(word)) creole.set(word, french);
}

function lookup(token: string): string | undefined {
  return sms.get(token) ?? creole.get(token);
}

/*
 * Emojis: variation selectors and skin tones say nothing about the topic, so they are dropped from the
 * lexicon keys and from the text before matching; the longest key wins ("🚌" inside a ZWJ sequence).
 */
const EMOJI_NOISE_RE = /\uFE0E|\uFE0F|\u{1F3FB}|\u{1F3FC}|\u{1F3FD}|\u{1F3FE}|\u{1F3FF}/gu;
const emojiWords = new Map<string, string>();
for (const [emoji, words] of Object.entries(readLexicon('emoji.json'))) {
  const key = emoji.replace(EMOJI_NOISE_RE, '');
  if (key) emojiWords.set(key, ` ${Array.isArray(words) ? words.join(' ') : words} `);
}
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const EMOJI_RE = emojiWords.size
  ? new RegExp(
      [...emojiWords.keys()]
        .sort((a, b) => b.length - a.length)
        .map(escapeRe)
        .join('|'),
      'gu',
    )
  : null;
/** Any emoji or pictograph the lexicon does not know, and the joiners between them. */
const LEFTOVER_PICTO_RE = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u200D|\u20E3/gu;
/** Control characters and other non-text code points (binary garbage) become spaces. */
const CONTROL_RE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/gu;
const APOSTROPHES_RE = /[’‘ʼ`´′]/g;

/*
 * Elongations ("troooop", "merciiii", "belllle"): French never triples a letter, so a run of three or more
 * is emphasis. Vowels shrink to one letter, consonants to two (the usual doubled consonant); when the
 * result is not in a lexicon, the one-letter form is tried too ("sltttt" → "slt"). Runs are found before
 * accents are folded, so "créée" is not a run.
 */
const RUN_RE = /(\p{L})\1{2,}/gu;
const HAS_RUN_RE = /(\p{L})\1{2,}/u;
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);

function unelongate(token: string): string {
  if (!HAS_RUN_RE.test(token)) return foldAccents(token);
  const squeezed = foldAccents(
    token.replace(RUN_RE, (_run, letter: string) =>
      VOWELS.has(foldAccents(letter)) ? letter : letter + letter,
    ),
  );
  if (lookup(squeezed) !== undefined) return squeezed;
  const single = foldAccents(token.replace(RUN_RE, '$1'));
  return lookup(single) !== undefined ? single : squeezed;
}

/** A word, with inner apostrophes ("d'lo", "aujourd'hui"); digits count as letters ("2m1" is SMS). */
const WORD_RE = /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu;

function normaliseWord(raw: string): string {
  const token = unelongate(raw);
  if (token.includes("'")) {
    // "d'lo", "c'est", "j'ai" are lexicon entries once glued; "l'école" is not, and splits.
    const glued = lookup(token.replace(/'/g, ''));
    if (glued !== undefined) return glued;
    return token
      .split("'")
      .map((part) => lookup(part) ?? part)
      .join(' ');
  }
  return lookup(token) ?? token;
}

/** Keeps memory bounded while letting a long-running bot reuse the work on common words. */
class BoundedCache<V> {
  private map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(key: string): V | undefined {
    return this.map.get(key);
  }
  set(key: string, value: V): void {
    if (this.map.size >= this.max) this.map.clear();
    this.map.set(key, value);
  }
}

const wordCache = new BoundedCache<string>(50_000);

/**
 * Lowercase, accent-folded text where emojis became words, SMS and Creole became French, elongations
 * are squeezed, punctuation became spaces and whitespace is collapsed. Never throws.
 */
export function normalise(text: string): string {
  if (typeof text !== 'string' || text === '') return '';
  let t = text.replace(CONTROL_RE, ' ').replace(EMOJI_NOISE_RE, '');
  if (EMOJI_RE) t = t.replace(EMOJI_RE, (emoji) => emojiWords.get(emoji) ?? ' ');
  t = t.replace(LEFTOVER_PICTO_RE, ' ').toLowerCase().normalize('NFC').replace(APOSTROPHES_RE, "'");
  const out: string[] = [];
  for (const match of t.matchAll(WORD_RE)) {
    const raw = match[0];
    let word = wordCache.get(raw);
    if (word === undefined) {
      word = normaliseWord(raw);
      wordCache.set(raw, word);
    }
    if (word) out.push(word);
  }
  return out.join(' ');
}

/** Words of the normalised text; no stopword removal, no stemming. */
export function tokenise(text: string): string[] {
  const normalised = normalise(text);
  return normalised === '' ? [] : normalised.split(' ');
}

/*
 * Negators carry meaning for sentiment ("pas bien") and for needs ("il n'y a pas de bus"): they are never
 * stopwords, whatever a list says.
 */
export const NEGATORS: ReadonlySet<string> = new Set([
  'ne',
  'n',
  'pas',
  'plus',
  'jamais',
  'rien',
  'aucun',
  'aucune',
  'sans',
  'ni',
  'personne',
  'non',
]);

function buildStopwords(): Set<string> {
  const set = new Set<string>();
  for (const word of readWordList('stopwords-fr.txt')) set.add(fold(word));
  for (const word of readWordList('stopwords-rcf.txt')) {
    // A Creole stopword is usually rewritten into French by the lexicon: both forms are stopwords.
    set.add(fold(word));
    const mapped = lookup(fold(word));
    if (mapped && !mapped.includes(' ')) set.add(mapped);
  }
  for (const negator of NEGATORS) set.delete(negator);
  return set;
}

export const STOPWORDS: ReadonlySet<string> = buildStopwords();

/** The name recorded in serialised models: a model trained with another stemmer must not be restored. */
export const STEMMER_NAME = 'natural.PorterStemmerFr';
export const TOKENIZER_NAME = 'koze.normalise.v1';

const stemCache = new BoundedCache<string>(50_000);

export function stemWord(word: string): string {
  let stem = stemCache.get(word);
  if (stem === undefined) {
    stem = porterStemmerFr.stem(word);
    stemCache.set(word, stem);
  }
  return stem;
}

/** Tokens without French and Creole stopwords, stemmed with natural's PorterStemmerFr. */
export function stems(text: string): string[] {
  const out: string[] = [];
  for (const token of tokenise(text)) {
    if (!STOPWORDS.has(token)) out.push(stemWord(token));
  }
  return out;
}
