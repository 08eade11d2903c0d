import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CORPUS_DIR } from './corpus.ts';
import { readLexicon, readWordList } from './lexicon-files.ts';
import { foldAccents, normalise, stemWord } from './normalise.ts';

/** Things a resident can ask of Kozé itself, whatever the conversation is about. */
export type Command = 'stop' | 'delete' | 'mydata' | 'resume' | 'help' | 'menu' | 'cancel' | 'greeting';

/*
 * A command is a SHORT message that is the command as a whole ("STOP", "/aide", "arèt sa svp", "mneu").
 * A sentence that merely contains the word ("le bus ne s'arrête pas au stop") is not one: the intent
 * classifier reads those. Stop and delete must never be missed, so matching forgives case, accents,
 * punctuation, a leading slash, politeness, SMS/Creole spellings and one typo per word of four letters
 * or more, unless the typo is itself a real word ("bien" is not a misspelt "rien").
 */

/** When two commands match equally well, the one a resident would least like us to miss wins. */
const PRIORITY: Command[] = ['stop', 'delete', 'mydata', 'help', 'menu', 'cancel', 'resume', 'greeting'];
const COMMANDS = new Set<string>(PRIORITY);

/** Longer messages are never a command: the longest surface form has a handful of words. */
const MAX_CHARS = 80;
const MAX_WORDS = 8;
const MIN_FUZZY_LENGTH = 4;

/** Politeness and addressing that may surround a command: "stop merci", "svp aide", "menu koze". */
const POLITENESS = [
  's il vous plait',
  's il te plait',
  'sil vous plait',
  'sil te plait',
  'silvousplait',
  'svp',
  'stp',
  'svpp',
  'merci',
  'mersi',
  'merci bien',
  'please',
  'pls',
  'plz',
  'siouple',
  'silvouple',
  'sivouple',
  'koze',
  'bot',
];
/** Greetings that may open a command ("bonjour, stop"); alone they are the greeting command. */
const OPENERS = [
  'bonjour',
  'bonsoir',
  'salut',
  'slt',
  'bjr',
  'coucou',
  'hello',
  'allo',
  'alo',
  'oui',
  'ok',
  'ben',
];

interface SurfaceForm {
  words: string[];
  command: Command;
}

interface CommandIndex {
  exact: Map<string, Command>;
  forms: SurfaceForm[];
  /** Words of French, Creole and the corpus: a typo that is a real word is a word, not a typo. */
  knownWords: Set<string>;
}

let index: CommandIndex | undefined;

function clean(text: string): string {
  return foldAccents(text.toLowerCase())
    .replace(/[’‘ʼ`´]/g, "'")
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/(\p{L})\1{2,}/gu, '$1$1')
    .trim();
}

function buildIndex(): CommandIndex {
  const exact = new Map<string, Command>();
  const forms: SurfaceForm[] = [];
  const add = (phrase: string, command: Command) => {
    if (phrase === '' || exact.has(phrase)) return;
    exact.set(phrase, command);
    forms.push({ words: phrase.split(' '), command });
  };
  const lexicon = readLexicon('commands.json') as Record<string, string[]>;
  // Every raw form first, so that a normalised variant never steals another command's exact form.
  for (const command of PRIORITY) for (const form of lexicon[command] ?? []) add(clean(form), command);
  for (const command of PRIORITY) {
    for (const form of lexicon[command] ?? []) {
      add(normalise(form), command);
      // Punctuation-only forms ("?") survive as themselves.
      if (clean(form) === '') exact.set(form.trim(), command);
    }
  }
  for (const key of Object.keys(lexicon)) {
    if (!COMMANDS.has(key)) throw new Error(`commands.json: unknown command ${key}`);
  }

  const knownWords = new Set<string>();
  const addWords = (text: string) => {
    for (const word of clean(text).split(' ')) if (word.length >= MIN_FUZZY_LENGTH) knownWords.add(word);
  };
  for (const word of readWordList('stopwords-fr.txt')) addWords(word);
  for (const file of ['sms.json', 'creole.json']) {
    for (const [key, value] of Object.entries(readLexicon(file))) {
      addWords(key);
      addWords(Array.isArray(value) ? value.join(' ') : value);
    }
  }
  for (const sub of ['categories', 'intents', 'sentiment']) {
    const dir = path.join(CORPUS_DIR, sub);
    let files: string[];
    try {
      files = readdirSync(dir).filter((f) => f.endsWith('.txt'));
    } catch {
      continue;
    }
    for (const file of files) addWords(readFileSync(path.join(dir, file), 'utf8'));
  }
  // One-word commands and their inflections ("aidez", "arrêtez") are not "other words"; words that only
  // occur inside a longer form ("bien" in "bien le bonjour") still are.
  const commandStems = new Set(
    forms.filter((form) => form.words.length === 1).map((form) => stemWord(form.words[0]!)),
  );
  for (const word of knownWords) if (commandStems.has(stemWord(word))) knownWords.delete(word);
  return { exact, forms, knownWords };
}

function commandIndex(): CommandIndex {
  index ??= buildIndex();
  return index;
}

/** Removes politeness anywhere and a greeting at the start, when something else remains. */
function strip(phrase: string): string {
  let words = ` ${phrase} `;
  for (const polite of POLITENESS) words = words.split(` ${polite} `).join(' ');
  let rest = words.trim().replace(/\s+/g, ' ');
  for (;;) {
    const opener = OPENERS.find((o) => rest.startsWith(`${o} `));
    if (!opener) break;
    rest = rest.slice(opener.length + 1);
  }
  return rest;
}

/** Damerau-Levenshtein distance, stopping early once it exceeds `max`. */
function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  if (a.length === b.length) {
    const diffs: number[] = [];
    for (let i = 0; i < a.length && diffs.length <= 2; i++) if (a[i] !== b[i]) diffs.push(i);
    if (diffs.length === 1) return true;
    // One transposition: "stpo" / "stop".
    return (
      diffs.length === 2 &&
      diffs[1] === diffs[0]! + 1 &&
      a[diffs[0]!] === b[diffs[1]!] &&
      a[diffs[1]!] === b[diffs[0]!]
    );
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  return short.slice(i) === long.slice(i + 1);
}

function fuzzyMatch(phrase: string, idx: CommandIndex): { command: Command; edits: number } | null {
  const words = phrase.split(' ');
  let best: { command: Command; edits: number } | null = null;
  for (const form of idx.forms) {
    if (form.words.length !== words.length) continue;
    let edits = 0;
    for (let i = 0; i < words.length && edits <= 2; i++) {
      const word = words[i]!;
      const target = form.words[i]!;
      if (word === target) continue;
      if (
        word.length >= MIN_FUZZY_LENGTH &&
        target.length >= MIN_FUZZY_LENGTH &&
        !idx.knownWords.has(word) &&
        withinOneEdit(word, target)
      ) {
        edits++;
      } else {
        edits = Infinity;
      }
    }
    if (edits > 2) continue;
    if (
      !best ||
      edits < best.edits ||
      (edits === best.edits && PRIORITY.indexOf(form.command) < PRIORITY.indexOf(best.command))
    ) {
      best = { command: form.command, edits };
    }
  }
  return best;
}

/** The command a short message is, or null. Never throws. */
export function detectCommand(text: string): Command | null {
  if (typeof text !== 'string') return null;
  const trimmed = text.trim().replace(/^\/+/, '');
  if (trimmed === '' || trimmed.length > MAX_CHARS) return null;
  const idx = commandIndex();

  const punctuation = trimmed.replace(/\s+/g, '').replace(/(.)\1{2,}/gu, '$1$1');
  const byPunctuation = idx.exact.get(punctuation);
  if (byPunctuation && clean(trimmed) === '') return byPunctuation;

  const raw = clean(trimmed);
  if (raw === '' || raw.split(' ').length > MAX_WORDS + 4) return null;
  const normalised = normalise(trimmed);
  const candidates = [...new Set([raw, strip(raw), normalised, strip(normalised)])].filter(
    (c) => c !== '' && c.split(' ').length <= MAX_WORDS,
  );
  for (const candidate of candidates) {
    const command = idx.exact.get(candidate);
    if (command) return command;
  }
  let best: { command: Command; edits: number } | null = null;
  for (const candidate of candidates) {
    const match = fuzzyMatch(candidate, idx);
    if (match && (!best || match.edits < best.edits)) best = match;
  }
  return best?.command ?? null;
}
