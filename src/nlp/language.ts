import { readFileSync } from 'node:fs';
import { francAll } from 'franc-all';
import { foldAccents } from './normalise.ts';
import type { DetectedLanguage, Language } from './types.ts';

/**
 * Language of a resident's message, with how sure we are.
 * `other` is a language that is neither French nor Réunion Creole (English, Spanish…);
 * `unknown` is a message with too little text to tell (empty, emoji-only, garbage).
 */
export interface LanguageGuess {
  language: DetectedLanguage;
  /** In [0, 1]; 0 for `unknown`. */
  confidence: number;
}

/*
 * Why markers first and franc second: franc's trigram models need ~20+ letters to be reliable, and it
 * has no model of Réunion Creole (it only knows Seychellois `crs` and Haitian `hat`, close enough on
 * longer texts). Residents' messages are often a handful of words, where one marker such as "néna" or
 * "zot" says more than any trigram statistic.
 */

const lexiconDir = new URL('./lexicons/', import.meta.url);

function readWordList(file: string): string[] {
  return readFileSync(new URL(file, lexiconDir), 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => foldAccents(line.toLowerCase()));
}

const NEGATION = new Set(['pas', 'plus', 'rien', 'jamais', 'personne', 'il', 'y', 'a', 'que', 'ne']);

/** Tokens that exist in both languages (or in SMS French) and so prove nothing either way. */
const AMBIGUOUS = new Set([
  'la',
  'le',
  'pa',
  'sa',
  'in',
  'a',
  'ou',
  'na',
  'ma',
  'mon',
  'ton',
  'son',
  'pou',
  'pour',
  'de',
  'd',
  'l',
  'bien',
  'bon',
  'en',
  'an',
  'ek',
  'ni',
  'si',
  'ke',
  'ki',
  'mais',
  'me',
  'ce',
  'se',
  'te',
  'tout',
  'plus',
  'o',
  'y',
  'kom',
  'ca',
  'com',
  'dan',
  'pr',
  'c',
]);

const creoleMarkers = new Set(readWordList('creole-markers.txt').filter((w) => !AMBIGUOUS.has(w)));
/** Accented spellings French never writes as a word, lost once accents are folded ("lé" vs "le"). */
const ACCENTED_CREOLE = new Set(['lé', 'té']);

/*
 * French evidence = French function words that are not spelt the same in Creole. We take the project's
 * French stopword list and remove anything Creole could also write, plus the Creole lexicon's own words.
 */
const creoleLexicon = new Map(
  Object.entries(
    JSON.parse(readFileSync(new URL('creole.json', lexiconDir), 'utf8')) as Record<string, string | string[]>,
  ).map(([w, fr]) => [foldAccents(w.toLowerCase()), foldAccents(String(fr).toLowerCase())]),
);
const creoleLexiconWords: string[] = [...creoleLexicon.keys()];
const frenchWords = new Set(
  readWordList('stopwords-fr.txt').filter(
    (w) => !AMBIGUOUS.has(w) && !creoleMarkers.has(w) && !creoleLexiconWords.includes(w) && w.length > 1,
  ),
);
/*
 * Weaker Creole evidence: the other words of the Creole lexicon ("bis", "kan", "ala"), minus anything a
 * French speaker also writes (stopwords, SMS spellings such as "kan" for "quand", sentiment words).
 */
const smsWords = new Set(
  Object.keys(
    JSON.parse(readFileSync(new URL('sms.json', lexiconDir), 'utf8')) as Record<string, unknown>,
  ).map((w) => foldAccents(w.toLowerCase())),
);
const sentimentWords = new Set(
  Object.keys(
    JSON.parse(readFileSync(new URL('sentiment-fr.json', lexiconDir), 'utf8')) as Record<string, unknown>,
  ).map((w) => foldAccents(w.toLowerCase())),
);

/** English function words: enough to say "other" honestly for an English message. */
const ENGLISH = new Set([
  'the',
  'is',
  'are',
  'was',
  'and',
  'of',
  'to',
  'you',
  'my',
  'this',
  'that',
  'with',
  'for',
  'please',
  'have',
  'what',
  'where',
  'when',
  'why',
  'how',
  'hello',
  'thanks',
  'thank',
  'it',
  'not',
  'no',
  'yes',
  'we',
  'our',
  'they',
  'there',
  'from',
  'would',
  'like',
  'can',
  'does',
  'do',
  'hi',
  'am',
]);

const weakCreole = new Set(
  creoleLexiconWords.filter(
    (w) =>
      w.length > 1 &&
      !w.includes(' ') &&
      !creoleMarkers.has(w) &&
      !AMBIGUOUS.has(w) &&
      !frenchWords.has(w) &&
      !smsWords.has(w) &&
      !sentimentWords.has(w) &&
      !ENGLISH.has(w),
  ),
);

/*
 * Grammar words ("néna", "zot", "dann", "mi") only occur in Creole sentences; Creole nouns ("kabar", "kaz",
 * "marmay") are also borrowed by Réunion French ("Vivement le kabar !"), so they count for less.
 */
const frenchStopwords = new Set(readWordList('stopwords-fr.txt'));
const markerWeight = new Map(
  [...creoleMarkers].map((w) => {
    const french = creoleLexicon.get(w);
    const grammatical =
      french !== undefined &&
      french.split(/[^a-z]+/).every((f) => f === '' || frenchStopwords.has(f) || NEGATION.has(f));
    return [w, grammatical ? 1 : 0.6];
  }),
);

/** SMS spellings of French ("jcomprends", "bcp") that Creole does not share. */
const smsFrench = new Set(
  [...smsWords].filter((w) => !creoleLexiconWords.includes(w) && !creoleMarkers.has(w) && !AMBIGUOUS.has(w)),
);

/** franc languages we let it choose between; everything outside fra/Creole counts as "other". */
const FRANC_ONLY = ['fra', 'crs', 'hat', 'eng', 'spa', 'por', 'ita', 'deu', 'nld'];
const FRANC_CREOLE = new Set(['crs', 'hat']);

const FRENCH_PRIOR = 0.3;
/** Share of French-looking words a text franc reads as another language may still have. */
const OTHER_MAX_FRENCH_SHARE = 0.3;
/** Below this many letters franc's answer is not consulted at all. */
const FRANC_MIN_LETTERS = 12;
/** Above this many characters only the start is examined: enough to decide, and keeps calls fast. */
const MAX_CHARS = 1000;

/** Words, lowercase, accents kept; hyphenated words stay whole so "mi-temps" is not the Creole "mi". */
const WORD_RE = /\p{L}+(?:-\p{L}+)*/gu;

interface Evidence {
  letters: number;
  /** Marker words, plus half a point per weaker Creole word. */
  creole: number;
  french: number;
  english: number;
  words: number;
}

function evidence(text: string): Evidence {
  const words = text.toLowerCase().match(WORD_RE) ?? [];
  let creole = 0;
  let french = 0;
  let english = 0;
  for (const word of words) {
    const t = foldAccents(word);
    if (ACCENTED_CREOLE.has(word)) creole++;
    else if (creoleMarkers.has(t)) creole += markerWeight.get(t) ?? 1;
    else if (weakCreole.has(t) || t === 'i') creole += 0.5;
    else if (frenchWords.has(t)) french++;
    else if (smsFrench.has(t)) french += 0.5;
    if (ENGLISH.has(t)) english++;
  }
  const toks = words;
  const letters = (text.match(/\p{L}/gu) ?? []).length;
  return { letters, creole, french, english, words: toks.length };
}

/** True when the text is mostly not letters (binary garbage, numbers, symbols, emoji-only). */
function looksLikeGarbage(text: string, letters: number): boolean {
  if (letters < 2) return true;
  const visible = text.replace(/\s+/g, '').length;
  return letters / Math.max(1, visible) < 0.5;
}

/**
 * Detailed language guess: fr, rcf, other (e.g. English) or unknown (nothing to go on).
 * Never throws.
 */
export function detectLanguageDetailed(input: string): LanguageGuess {
  const text = typeof input === 'string' ? input.slice(0, MAX_CHARS) : '';
  const ev = evidence(text);
  if (looksLikeGarbage(text, ev.letters)) return { language: 'unknown', confidence: 0 };

  // Marker evidence: log-odds towards Creole. One marker outweighs one French function word because
  // markers are chosen to be unambiguous while French words leak into Creole speech ("le", "les" in
  // code-switching); each word counts less once there are many.
  // The small negative prior is French being the default: one borrowed Creole noun does not make a
  // French sentence Creole.
  let logit = 1.6 * ev.creole - 1.0 * ev.french - FRENCH_PRIOR;

  let franc: { fr: number; rcf: number; other: number; top: string } | undefined;
  if (ev.letters >= FRANC_MIN_LETTERS) {
    const ranked = francAll(text, { only: FRANC_ONLY, minLength: FRANC_MIN_LETTERS });
    const best = (codes: (c: string) => boolean) => ranked.find(([code]) => codes(code))?.[1] ?? 0;
    franc = {
      fr: best((c) => c === 'fra'),
      rcf: best((c) => FRANC_CREOLE.has(c)),
      other: best((c) => c !== 'fra' && !FRANC_CREOLE.has(c) && c !== 'und'),
      top: ranked[0]?.[0] ?? 'und',
    };
    if (franc.top !== 'und') {
      // franc's scores are relative to its best (1.0); the gap between the French and the Creole score,
      // scaled by how much text there is, is how much we believe it.
      const weight = Math.min(1, ev.letters / 40) * 5;
      let vote = weight * (franc.rcf - franc.fr);
      // On a few words with no Creole word in them, franc's trigrams are noise ("merci beaucoup" → hat).
      if (ev.creole === 0 && ev.letters < 30) vote = Math.min(0, vote);
      logit += vote;
    }
  }

  // "Other": English words dominate, or franc clearly prefers a non-French, non-Creole language while
  // neither marker list found anything.
  const markerCount = ev.creole + ev.french;
  if (ev.english >= 2 && ev.english > markerCount) {
    return { language: 'other', confidence: clamp01(0.5 + 0.1 * (ev.english - markerCount)) };
  }
  if (
    franc &&
    franc.top !== 'und' &&
    franc.other === 1 &&
    ev.letters >= 20 &&
    ev.creole === 0 &&
    // No French marker and franc not sure of French, or a few French-looking words ("la", "en" are
    // Spanish too) and franc far from French.
    ((markerCount === 0 && Math.max(franc.fr, franc.rcf) < 0.85) ||
      (ev.letters >= 30 &&
        ev.french <= OTHER_MAX_FRENCH_SHARE * ev.words &&
        Math.max(franc.fr, franc.rcf) < 0.75))
  ) {
    return { language: 'other', confidence: clamp01(1 - Math.max(franc.fr, franc.rcf)) };
  }

  if (markerCount === 0 && !franc) {
    // A word or two with no evidence ("ok", "bonjour", "merci"): French by default, not confidently.
    return { language: 'fr', confidence: 0.5 };
  }
  const pRcf = 1 / (1 + Math.exp(-logit));
  return pRcf > 0.5
    ? { language: 'rcf', confidence: round(pRcf) }
    : { language: 'fr', confidence: round(1 - pRcf) };
}

/** fr or rcf, whichever is closer; French when the message gives nothing to go on. */
export function detectLanguage(text: string): Language {
  const { language } = detectLanguageDetailed(text);
  return language === 'rcf' ? 'rcf' : 'fr';
}

function clamp01(x: number): number {
  return round(Math.max(0, Math.min(1, x)));
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
