import './quiet-dotenv.ts';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { foldAccents, STOPWORDS, stemWord, tokenise } from './normalise.ts';
import {
  DEFAULT_MODEL_OPTIONS,
  predictSentiment,
  SENTIMENTS,
  trainSentimentModel,
  type LabelledFeatures,
  type SentimentFeatures,
  type SentimentModel,
  type SentimentModelOptions,
} from './sentiment-model.ts';
import type { Sentiment } from './types.ts';

/*
 * Sentiment of a resident's feedback, in two halves:
 * 1. a lexicon pass (this file) that reads French the way a person does: negation and its scope
 *    ("pas bien", "personne ne répond", "aucune réponse"), intensifiers and diminishers, contrast ("mais":
 *    the clause after weighs more), emojis, and the commonest sarcasm ("Bravo… 3 mois pour un papier 👏");
 * 2. a small model (sentiment-model.ts) trained on src/nlp/corpus/sentiment that weighs the lexicon's
 *    evidence against a Naive Bayes over stems and negation-marked tokens (NOT_bien).
 * natural's French SentimentAnalyzer has no negation at all, hence this.
 */

/** The result of `sentimentScore`. */
export interface SentimentScore {
  label: Sentiment;
  /** P(positive) − P(negative), in [−1, 1]. */
  score: number;
  /** Probability of `label`. */
  confidence: number;
  probabilities: Record<Sentiment, number>;
}

/** Tunable constants of the lexicon pass; the defaults were chosen by cross-validation on the corpus. */
export interface LexiconOptions {
  /** How far a negator reaches, in content words (stopwords do not count). */
  negationScope: number;
  /** Multiplier of a polar word inside a negation scope ("pas bien": +1 → −1). */
  negationFactor: number;
  /** Polarity given to a negated "expected good" ("personne ne répond", "aucune réponse"). */
  expectedGoodNegated: number;
  /** Polarity of an expected good that happened ("on m'a rappelé"). */
  expectedGoodPlain: number;
  /** Weights of a sentence's clauses before and after a contrast word ("mais"). */
  beforeContrast: number;
  afterContrast: number;
  /** Weight of polar words in a question ("est-ce gratuit ?" is no praise). */
  questionWeight: number;
  /** Weight of polar words in a suggestion in the conditional ("il serait utile de…"). */
  conditionalWeight: number;
  /** Scale of natural's French adjective lexicon (polarity −1..1), used for words ours lacks. */
  patternScale: number;
}

export const DEFAULT_LEXICON_OPTIONS: LexiconOptions = {
  negationScope: 3,
  negationFactor: -0.75,
  expectedGoodNegated: -2,
  expectedGoodPlain: 0,
  beforeContrast: 0.3,
  afterContrast: 1,
  questionWeight: 1,
  conditionalWeight: 0.6,
  patternScale: 1,
};

/*
 * Longer texts are read on their beginning and their end only: enough to judge (an account's verdict is
 * usually in its first or its last lines), and it keeps every call fast.
 */
const MAX_CHARS = 4000;
function headAndTail(text: string): string {
  if (text.length <= MAX_CHARS) return text;
  const half = MAX_CHARS / 2;
  return `${text.slice(0, half)}\n${text.slice(text.length - half)}`;
}

// ---------------------------------------------------------------------------------------------------
// Lexicons (src/nlp/lexicons, accent-folded)

const lexiconDir = new URL('./lexicons/', import.meta.url);
function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(new URL(file, lexiconDir), 'utf8')) as T;
}

const polarity = new Map<string, number>();
for (const [word, value] of Object.entries(readJson<Record<string, number>>('sentiment-fr.json'))) {
  if (typeof value === 'number') polarity.set(foldAccents(word.toLowerCase()), value);
}

interface Modifiers {
  negators: string[];
  intensifiers: Record<string, number>;
  diminishers: Record<string, number>;
  contrast: string[];
}
const modifiers = readJson<Modifiers>('sentiment-modifiers.json');
const fold = (w: string) => foldAccents(w.toLowerCase());
const NEGATORS = new Set(modifiers.negators.map(fold));
const INTENSIFIERS = new Map(Object.entries(modifiers.intensifiers).map(([w, f]) => [fold(w), f]));
const DIMINISHERS = new Map(Object.entries(modifiers.diminishers).map(([w, f]) => [fold(w), f]));
const CONTRAST = new Set(modifiers.contrast.map(fold));
/** Two-word contrasts the single-word list cannot hold. */
const CONTRAST_PAIRS = new Set([
  'par contre',
  'en revanche',
  'sauf que',
  'seul bemol',
  'seulement voila',
  // "Service bien pensé, dommage qu'il ne fonctionne pas": what follows is the verdict.
  'dommage que',
  'dommage qu',
]);

/*
 * natural's French adjective lexicon (from the Pattern project, ~5,000 forms, polarity −1..1): wider than
 * ours but noisier, so it is a separate feature whose weight the model learns.
 */
const patternPolarity = new Map<string, number>();
const PATTERN_MIN_SUBJECTIVITY = 0.35;
{
  const require = createRequire(import.meta.url);
  const file = require.resolve('natural/lib/natural/sentiment/French/pattern-sentiment-fr.json');
  const entries = JSON.parse(readFileSync(file, 'utf8')) as Record<
    string,
    { polarity: string; subjectivity: string }
  >;
  for (const [word, entry] of Object.entries(entries)) {
    // Descriptive adjectives ("physique", "nouveau", "scolaire") carry a polarity in Pattern but no
    // opinion; only the subjective ones are kept.
    const value = Number(entry.polarity);
    if (Math.abs(value) >= 0.2 && Number(entry.subjectivity) >= PATTERN_MIN_SUBJECTIVITY) {
      patternPolarity.set(fold(word), value);
    }
  }
}

/*
 * Phrases whose meaning is not the sum of their words, mostly around negation. They are matched on
 * normalised words (accent-folded, SMS and Creole already turned into French) before any word-level rule,
 * and are immune to an enclosing negation ("ne sert à rien" is −2, not flipped by "ne").
 */
const PHRASES = new Map<string, number>([
  ['pas mal de', 0], // a quantity ("pas mal de monde"), not a judgement
  ['pas terrible', -1.5],
  ['pas normal', -2],
  ['pas assez', -1],
  ['plus jamais', -2],
  ['sert a rien', -2],
  ['sert plus a rien', -2],
  ['servi a rien', -2],
  ['sert pas a grand chose', -2],
  ['rime a rien', -2],
  ['a quoi bon', -2],
  ['aucun interet', -2],
  ['sans interet', -2],
  ['peu d interet', -1.5],
  ['rien a redire', 2],
  ['rien a dire', 1],
  ['rien a reprocher', 2],
  ['pas de souci', 1.5],
  ['pas de soucis', 1.5],
  ['pas de probleme', 1.5],
  ['aucun probleme', 1.5],
  ['aucun souci', 1.5],
  ['sans souci', 1.5],
  ['sans probleme', 1.5],
  ['sans difficulte', 1.5],
  ['merci pour rien', -2.5],
  ['merci bien pour rien', -2.5],
  ['merci quand meme', 0], // courtesy after a complaint, not thanks
  ['pas un seul souci', 2],
  ['pas un seul probleme', 2],
  ['pas le moindre souci', 2],
  ['pas le moindre probleme', 2],
  ['rien a bouge', -1.5],
  ['rien ne bouge', -1.5],
  ['rien compris', -1.5],
  ['en peux plus', -2],
  ['en pouvons plus', -2],
  ['perds patience', -1.5],
  ['perdre patience', -1.5],
  ['perte de temps', -2],
  ['plus moyen', -1.5],
  ['se moque des', -2],
  ['se moquent des', -2],
  ['ras le bol', -2],
  ['attendais a mieux', -2],
  ['attendait a mieux', -2],
  ['attendais a plus', -1.5],
  ['sans hesiter', 1.5],
  ['sans hesitation', 1.5],
  ['connu plus tot', 2], // "je regrette de ne pas l'avoir connu plus tôt"
  ['remerciera jamais assez', 2.5],
  ['remercierai jamais assez', 2.5],
  ['change mon quotidien', 2],
  ['change la vie', 2],
  ['change ma vie', 2],
  ['le reprendrai pas', -1.5],
  ['la reprendrai pas', -1.5],
  ['le reprendrai plus', -1.5],
  ['y retournerai pas', -1.5],
  ['y retournerai plus', -1.5],
  // Too fast is no praise: a workshop "trop rapide" left people behind.
  ['trop rapide', -1.5],
  ['trop vite', -1.5],
  ['trop court', -1],
  ['trop courte', -1],
  ['laisse a desirer', -2],
  ['se moque de', -2],
  ['se moquent de', -2],
  ['fout de', -2],
  ['foutent de', -2],
  ['a l heure', 1],
  ['a l heure actuelle', 0],
  ['a l heure de', 0],
  ['a l heure du', 0],
  ['pas encore', 0], // "not yet" is a waiting, not a failure
  ['bon courage', 0],
  ['a l ecoute', 2],
  ['pris le temps', 1.5],
  ['prend le temps', 1.5],
  ['trop de', -1],
  ['trop d', -1],
  ['au moins', 0],
  ['bien sur', 0],
  ['bien que', 0],
  ['eh bien', 0],
  ['ou bien', 0],
  ['tant bien que mal', -1],
  ['de rien', 0],
  ['sans plus', -0.5],
  ['on verra', 0],
  // Balanced or factual verdicts: no polarity, but a token the Bayes model learns as "neutral".
  ['ni bien ni mal', 0],
  ['ni bon ni mauvais', 0],
  ['ni bonne ni mauvaise', 0],
  ['ni plus ni moins', 0],
  ['rien a signaler', 0],
  ['rien de particulier', 0],
  ['rien de special', 0],
  ['en demi teinte', -0.5],
  ['pour l instant', 0],
  ['pour le moment', 0],
  ['en attente', 0],
  ['en cours', 0],
  ['a suivre', 0],
  ['je verrai', 0],
  ['nous verrons', 0],
  ['pour rien', -1.5],
  ['en vain', -2],
  ['parcours du combattant', -2],
  ['renvoie la balle', -2],
  ['renvoient la balle', -2],
  ['laisse tomber', -1.5],
  ['laisses tomber', -1.5],
  ['au top', 2],
  ['gain de temps', 1.5],
  ['sans encombre', 1.5],
  ['pas grand chose', -0.5],
  // "J'ai réussi à joindre quelqu'un", "je suis parvenu à avoir un rendez-vous": the effort it took, not a
  // success of the service.
  ['reussi a', 0],
  ['reussi au', 0],
  ['reussir a', 0],
  ['parvenu a', 0],
  ['parvenue a', 0],
  ['parvenir a', 0],
]);
/*
 * The formulas that open and close a letter to an administration ("Merci d'avance", "En vous
 * remerciant", "Je vous prie d'agréer…", "Bonne journée") are courtesy, not praise: a complaint ends
 * with them as often as a thank-you does.
 */
const CLOSINGS = new Set([
  'merci d avance',
  'merci par avance',
  'merci de votre comprehension',
  'merci pour votre comprehension',
  'merci de votre reponse',
  'merci pour votre reponse',
  'merci de votre retour',
  'merci pour votre retour',
  'merci de votre attention',
  'merci pour votre attention',
  'merci de bien vouloir',
  'en vous remerciant',
  'vous remerciant par avance',
  'vous remerciant d avance',
  'vous remercie par avance',
  'vous remercie d avance',
  'vous remercie de votre comprehension',
  'vous remercie de votre attention',
  'vous remercie de votre reponse',
  'remercie par avance',
  'remercie d avance',
  'bonne journee',
  'bonne soiree',
  'bonne fin de journee',
  'salutations distinguees',
  'sentiments respectueux',
  'sentiments distingues',
  'sentiments les meilleurs',
  'mes respects',
  'veuillez agreer',
  'prie d agreer',
  'dans l attente de',
  'dans l attente d',
  'dans l attente de votre reponse',
  'merci d avance pour votre reponse',
  'merci par avance pour votre reponse',
  'madame monsieur',
]);
for (const closing of CLOSINGS) PHRASES.set(closing, 0);
const PHRASE_MAX_WORDS = Math.max(...[...PHRASES.keys()].map((p) => p.split(' ').length));

/*
 * "Expected goods" of a public service: a failure when negated ("personne ne m'a rappelé", "aucune
 * réponse", "ça marche pas", "zéro transparence"), mildly good when they happen ("on m'a rappelé").
 * Matched as word prefixes, on words the polarity lexicon does not know.
 */
const EXPECTED_GOOD_PREFIXES = [
  'repon',
  'rappel',
  'recontact',
  'venu',
  'vien',
  'fonctionn',
  'marche',
  'recu',
  'recoi',
  'aide',
  'preven',
  'expliq',
  'explic',
  'ecout',
  'respect',
  'retour',
  'nouvelle',
  'suivi',
  'solution',
  'inform',
  'regle',
  'resolu',
  'trait',
  'joign',
  'decroch',
  'rembours',
  'compris',
  'comprend',
  'tenu',
  'ouvert',
  'livre',
  'arrive',
  'occup',
  'pass',
  'accompagn',
  'oriente',
  'debloq',
  'valid',
  'confirm',
  'transparen',
  'enregistr',
  'verse',
  'paye',
  'delivr',
  'envoye',
  'obten',
  'trouv',
  'abouti',
];
function isExpectedGood(word: string): boolean {
  return word.length >= 4 && EXPECTED_GOOD_PREFIXES.some((p) => word.startsWith(p));
}

/*
 * Negators that follow the verb they negate ("ça marche pas", "il répond jamais"); "sans", "aucun", "ni"
 * bear on what follows ("payé sans interruption" is no failure to pay).
 */
const POST_VERBAL_NEGATORS = new Set([
  'pas',
  'jamais',
  'plus',
  'rien',
  'point',
  'guere',
  'pa',
  'pwin',
  'poin',
  'jms',
]);

/** Negators the modifiers list lacks: "zéro réponse", "zéro transparence". */
const EXTRA_NEGATORS = new Set(['zero']);

/*
 * Conditional mood is how residents suggest ("il serait utile de…", "ce serait pratique"): polar words in
 * a suggestion are not a judgement of the service, so they weigh less.
 */
const CONDITIONAL_RE =
  /^(serai[st]?|seraient|aurai[st]?|auraient|pourrai[st]?|pourraient|faudrai[st]?|devrai[st]?|devraient|aimerai[st]?|voudrai[st]?|souhaiterai[st]?|suggere|suggerons|propose|proposons|[a-z]{3,}(erait|eraient|irait|iraient))$/;
/** Concessive: what follows "malgré" (until the clause ends) weighs like the part before a "mais". */
const CONCESSIVE = new Set(['malgre', 'meme si', 'certes', 'bien que']);

/** Weight of a polar word written in capitals. */
const SHOUT_FACTOR = 1.5;

/** Words that praise when said alone and mock when said before a complaint ("Super, encore fermé"). */
const IRONY_PRONE = new Set([
  'bravo',
  'super',
  'genial',
  'merci',
  'felicitations',
  'chapeau',
  'top',
  'parfait',
  'formidable',
  'magnifique',
  'excellent',
  'extra',
  'cool',
  'impeccable',
  'nickel',
  'champion',
  'chouette',
  'bien',
]);
const EMOJI_RE = /\p{Extended_Pictographic}/u;
const SHOUTED_RE = /(?<![\p{L}])[\p{Lu}]{4,}(?![\p{L}])/gu;
const SARCASM_EMOJI_RE = /[👏🙄🙃😒😏🤡🤦]/u;
/** Emojis that mock whatever praise they follow, complaint or not ("top… pour perdre un samedi 🙃"); 👏 can be sincere. */
const IRONIC_EMOJI_RE = /[🙄🙃😒😏🤡🤦]/u;
/** A complaint's usual companions: "encore", "toujours", "3 mois pour…", "cinquante fois". */
const COMPLAINT_CONTEXT = new Set(['encore', 'toujours', 'habitude']);
const DURATION_RE =
  /\b(\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|quinze|vingt|trente|quarante|cinquante|cent|plusieurs|des)\s*(minutes?|min|heures?|h|jours?|semaines?|mois|ans|annees?|fois)\b/g;
/** "en 48 heures", "sous huit jours", "en moins de dix minutes": a speed, as often praised as not. */
const SPEED_BEFORE_RE = /\b(?:en|sous|dans les|moins de)\s*(?:[a-z]+-)?$/;
/** "à 17h", "jeudi 9h", "9h30": a time of day, not a wait. */
const TIME_OF_DAY_BEFORE_RE =
  /\b(?:a|vers|jusqu a|des|de|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|demain|matin|soir)\s*$/;

/** Whether a piece of text (accent-folded, lower case) tells of a wait or a repetition ("3 mois pour…"). */
function tellsOfWaiting(text: string): boolean {
  for (const m of text.matchAll(DURATION_RE)) {
    const before = text.slice(Math.max(0, m.index - 16), m.index);
    if (SPEED_BEFORE_RE.test(before)) continue;
    const hours = m[2] === 'h' || m[2]!.startsWith('heure');
    if (hours && (TIME_OF_DAY_BEFORE_RE.test(before) || /^\d/.test(text.slice(m.index + m[0].length))))
      continue;
    return true;
  }
  return false;
}

/** Longest match first; "a l heure actuelle" is not "a l heure". */
function matchPhrase(words: string[], i: number): { phrase: string; value: number } | undefined {
  for (let n = Math.min(PHRASE_MAX_WORDS, words.length - i); n >= 2; n--) {
    const phrase = words.slice(i, i + n).join(' ');
    const value = PHRASES.get(phrase);
    if (value !== undefined) return { phrase, value };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Lexicon pass

/** "10/10", "5/10", "2/5", "16/20": a mark the writer gives. */
const MARK_RE = /(?<![\d/])(\d{1,2}(?:[.,]\d)?)\s*\/\s*(5|10|20)(?![\d/])/;

/** The polarity of a mark: high praises, low complains, the middle says "average". */
function markPolarity(part: string): number | undefined {
  const m = MARK_RE.exec(part);
  if (!m) return undefined;
  // "le 3/10", "depuis le 2/5": a date.
  if (/\b(?:le|du|au|depuis|jusqu'?au)\s*$/i.test(part.slice(0, m.index))) return undefined;
  const ratio = Number(m[1]!.replace(',', '.')) / Number(m[2]);
  if (ratio > 1) return undefined; // "24/5" is no mark
  if (ratio >= 0.8) return 2.5;
  if (ratio >= 0.65) return 1;
  if (ratio <= 0.4) return -2;
  return 0;
}

type Piece =
  | {
      kind: 'words';
      words: string[];
      quoted: boolean;
      complaint: boolean;
      shouted: Set<string>;
      mark: number | undefined;
    }
  | { kind: 'emoji'; words: string[]; sarcasm: boolean; ironic: boolean }
  | { kind: 'clause' }
  | { kind: 'sentence'; mark: '.' | '!' | '?' | '…' | '\n'; emphatic: boolean };

/*
 * normalise() turns punctuation into spaces, but punctuation bounds negation scope and carries tone
 * ("!", "?", "…"), so the raw text is cut at punctuation first and each piece normalised on its own.
 * Emojis are pieces of their own: "jamais à l'heure 😤" must not negate the 😤.
 */
const SPLIT_RE =
  /(\p{Extended_Pictographic}[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F\u200D]*|\.{2,}|…|[.!?]+|[,;:()\n]|["«»“”])/u;

function pieces(text: string): Piece[] {
  const out: Piece[] = [];
  let quoted = false;
  for (const part of text.split(SPLIT_RE)) {
    if (part === undefined || part === '' || /^[ \t\r]+$/.test(part)) continue;
    if (/^["«»“”]$/u.test(part)) {
      quoted = part === '«' ? true : part === '»' ? false : !quoted;
    } else if (EMOJI_RE.test(part) && part.length <= 16 && !/[\p{L}\p{N}]/u.test(part)) {
      const words = tokenise(part);
      out.push({
        kind: 'emoji',
        words,
        sarcasm: SARCASM_EMOJI_RE.test(part),
        ironic: IRONIC_EMOJI_RE.test(part),
      });
    } else if (/^(\.{2,}|…)$/u.test(part)) out.push({ kind: 'sentence', mark: '…', emphatic: false });
    else if (/^[.!?]+$/u.test(part))
      out.push({
        kind: 'sentence',
        mark: part.includes('?') ? '?' : part.includes('!') ? '!' : '.',
        // "!!!", "?!": indignation rather than information.
        emphatic: /[!?]{2,}/.test(part),
      });
    else if (part === '\n') out.push({ kind: 'sentence', mark: '\n', emphatic: false });
    else if (/^[,;:()]$/u.test(part)) out.push({ kind: 'clause' });
    else {
      const words = tokenise(part).flatMap((w) => w.split(' '));
      if (words.length > 0) {
        const complaint = tellsOfWaiting(foldAccents(part.toLowerCase()));
        // Words written in capitals ("C'est INADMISSIBLE"); acronyms (CAF, URSSAF) are shouted too, but they
        // carry no polarity, and only polar words are read as emphasised.
        const shouted = new Set((part.match(SHOUTED_RE) ?? []).map((w) => foldAccents(w.toLowerCase())));
        out.push({ kind: 'words', words, quoted, complaint, shouted, mark: markPolarity(part) });
      }
    }
  }
  return out;
}

interface Contribution {
  /** The word or phrase it comes from, for `evidence`. */
  source: string;
  value: number;
  afterContrast: boolean;
  /**
   * Said before a "mais" of its sentence, or inside a concessive clause ("malgré l'attente"): what the writer
   * concedes. The main clause before a "malgré" is not conceded ("Tout s'est bien passé malgré l'attente").
   */
  conceded: boolean;
  /** From natural's adjective lexicon rather than ours. */
  pattern: boolean;
  /** An irony-prone word said as an interjection ("Super, …", "Bravo… "), or praise in quotes. */
  ironyCandidate: boolean;
}

interface Sentence {
  contributions: Contribution[];
  hasContrast: boolean;
  conditional: boolean;
  /** "encore", "toujours", "3 mois", or a negative word: what sarcasm mocks. */
  complaint: boolean;
  mark: string;
  sarcasmEmoji: boolean;
  ellipsisAfterFirstPiece: boolean;
  /** Words read in the sentence. */
  words: number;
}

/** Everything the lexicon pass learns from a text. */
export interface LexicalAnalysis {
  positive: number;
  negative: number;
  patternNet: number;
  sarcasm: boolean;
  question: boolean;
  tokens: string[];
  /** Each polar word or phrase with its final weight, to explain a decision. */
  evidence: Array<{ source: string; value: number }>;
  /** Net polarity of each sentence, in order (0 for a sentence without polar words). */
  sentenceNets: number[];
  /** Number of words read. */
  words: number;
  /** Mass of strong praise and strong complaint (words weighing 2 or more). */
  strongPositive: number;
  strongNegative: number;
  /** Polar words in capitals and "!!"/"?!" marks. */
  emphasis: number;
}

/*
 * Our lexicon lists the inflections it cares about; for the others ("difficilement", "manquait") a few
 * French suffixes are tried. A general stemmer is not used here: it maps "pourrait" onto "pourri" and
 * "accueil" onto "accueillant".
 */
const SUFFIX_RULES: Array<[RegExp, string]> = [
  [/ment$/, ''],
  [/s$/, ''],
  [/es$/, ''],
  [/e$/, ''],
  [/(ait|aient|ais|ant)$/, 'e'],
  [/(ait|aient|ais|ant)$/, ''],
  [/(ions|iez|ez)$/, 'e'],
];
function wordPolarity(word: string): number | undefined {
  const direct = polarity.get(word);
  if (direct !== undefined || word.length < 5) return direct;
  for (const [suffix, replacement] of SUFFIX_RULES) {
    if (!suffix.test(word)) continue;
    const value = polarity.get(word.replace(suffix, replacement));
    if (value !== undefined) return value;
  }
  return undefined;
}

/** Reads a text and returns its lexical evidence and the tokens for the Bayes model. Never throws. */
export function analyseLexically(
  input: string,
  options: LexiconOptions = DEFAULT_LEXICON_OPTIONS,
): LexicalAnalysis {
  const text = headAndTail(typeof input === 'string' ? input : '')
    .slice(0, 4 * MAX_CHARS)
    .replace(/[’‘ʼ]/g, "'")
    // "🙄🙄🙄🙄🙄…": three say as much as three thousand.
    .replace(EMOJI_RUN_RE, '$1$1$1')
    // Garbage and pasted links: a 60-letter "word" says nothing, and stemming it is slow.
    .replace(/\S{60,}/gu, ' ')
    // Creole "lé" (is) would fold into the French article "le"; it is never a French word.
    .replace(CREOLE_LE_RE, '$1est');
  const tokens: string[] = [];
  const sentences: Sentence[] = [];
  let sentence: Sentence = newSentence();
  let piecesInSentence = 0;
  let sawQuestion = false;
  let wordCount = 0;
  let emphasis = 0;

  // Negation state: content words left in scope, and whether "ne" opened it (to read "plus"/"personne").
  let negationLeft = 0;
  let negationFactor = options.negationFactor;
  let neOpen = false;
  let restrictiveOnly = false;
  let concessive = false;
  let boost = 1;
  let lastNegator = '';
  let previousContent: { word: string; counted: boolean } | undefined;

  const push = (target: Sentence, c: Contribution) => {
    if (concessive) {
      c.afterContrast = false;
      c.conceded = true;
    }
    target.contributions.push(c);
  };
  const endClause = () => {
    negationLeft = 0;
    neOpen = false;
    boost = 1;
    previousContent = undefined;
    if (concessive) {
      concessive = false;
      sentence.hasContrast = true;
    }
  };
  const endSentence = (mark: string) => {
    endClause();
    sentence.mark = mark;
    if (mark === '?') sawQuestion = true;
    if (sentence.contributions.length > 0 || piecesInSentence > 0) sentences.push(sentence);
    sentence = newSentence();
    piecesInSentence = 0;
  };

  for (const piece of pieces(text)) {
    if (piece.kind === 'sentence') {
      if (piece.mark === '…' && piecesInSentence === 1 && sentence.contributions.length > 0) {
        // "Bravo… 3 mois pour un papier": the ellipsis keeps the interjection with what follows.
        sentence.ellipsisAfterFirstPiece = true;
        tokens.push('__ellipsis');
        endClause();
        continue;
      }
      if (piece.mark === '!') tokens.push('__excl');
      if (piece.emphatic) {
        emphasis++;
        tokens.push('__emphatic');
      }
      if (piece.mark === '?') tokens.push('__question');
      endSentence(piece.mark);
      continue;
    }
    if (piece.kind === 'clause') {
      endClause();
      continue;
    }
    if (piece.kind === 'emoji') {
      // An emoji after the full stop still comments on the sentence before it.
      const target =
        piecesInSentence === 0 && sentences.length > 0 ? sentences[sentences.length - 1]! : sentence;
      if (piece.sarcasm) target.sarcasmEmoji = true;
      // 🙄 after praise is the complaint itself.
      if (piece.ironic) target.complaint = true;
      endClause();
      for (const word of piece.words) {
        tokens.push(stemWord(word));
        const value = wordPolarity(word);
        if (value) push(target, contribution(word, value, target, false, false));
      }
      continue;
    }

    piecesInSentence++;
    wordCount += piece.words.length;
    sentence.words += piece.words.length;
    if (piece.complaint) {
      sentence.complaint = true;
      tokens.push('__duration');
    }
    if (piece.mark !== undefined) {
      if (piece.mark !== 0) push(sentence, contribution('mark', piece.mark, sentence, false, false));
      tokens.push(piece.mark > 0 ? '__mark_high' : piece.mark < 0 ? '__mark_low' : '__mark_middle');
    }
    const words = piece.words;
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!;
      const next = words[i + 1];
      if (COMPLAINT_CONTEXT.has(word)) sentence.complaint = true;
      if (CONDITIONAL_RE.test(word)) sentence.conditional = true;

      const phrase = matchPhrase(words, i);
      if (phrase) {
        if (phrase.value !== 0) {
          push(sentence, contribution(phrase.phrase, phrase.value * boost, sentence, false, false));
        }
        // Zero-valued phrases ("pour l'instant", "rien à signaler") carry no polarity but are evidence of a
        // factual or pending account: the Bayes model gets their token.
        tokens.push(CLOSINGS.has(phrase.phrase) ? '__closing' : `__ph_${phrase.phrase.replace(/ /g, '_')}`);
        boost = 1;
        negationLeft = 0;
        i += phrase.phrase.split(' ').length - 1;
        continue;
      }

      const pair = next === undefined ? '' : `${word} ${next}`;
      if (CONTRAST.has(word) || CONTRAST_PAIRS.has(pair)) {
        endClause();
        for (const c of sentence.contributions) {
          c.afterContrast = false;
          c.conceded = true;
        }
        sentence.hasContrast = true;
        tokens.push('__contrast');
        if (!CONTRAST.has(word)) i++;
        continue;
      }
      if (CONCESSIVE.has(word) || CONCESSIVE.has(pair)) {
        endClause();
        concessive = true;
        tokens.push('__concessive');
        if (!CONCESSIVE.has(word)) i++;
        continue;
      }

      if (word === 'ne' || word === 'n') {
        neOpen = true;
        restrictiveOnly = true;
        negationLeft = options.negationScope;
        negationFactor = options.negationFactor;
        continue;
      }
      // "il ne m'a fallu qu'un appel": "ne … que" restricts, it does not negate.
      if (neOpen && restrictiveOnly && (word === 'que' || word === 'qu')) {
        neOpen = false;
        negationLeft = 0;
        continue;
      }
      // "je ne pensais pas que ce serait aussi simple": the negation bears on the main verb, not on the
      // clause that "que" opens.
      if (negationLeft > 0 && !restrictiveOnly && (word === 'que' || word === 'qu')) {
        negationLeft = 0;
        neOpen = false;
        continue;
      }

      if (isNegator(word, next, neOpen, i === 0)) {
        restrictiveOnly = false;
        lastNegator = word;
        // A determiner-like negator covers its noun phrase only: "aucune difficulté pour obtenir…".
        negationLeft = NOUN_NEGATORS.has(word) ? NOUN_NEGATORS.get(word)! : options.negationScope;
        negationFactor = options.negationFactor;
        tokens.push(word);
        // Spoken French drops "ne": "ça marche pas", "il répond jamais" — the verb came before "pas".
        if (
          !neOpen &&
          POST_VERBAL_NEGATORS.has(word) &&
          previousContent &&
          !previousContent.counted &&
          isExpectedGood(previousContent.word)
        ) {
          push(
            sentence,
            contribution(`NOT ${previousContent.word}`, options.expectedGoodNegated, sentence, false, false),
          );
          tokens.push(`NOT_${stemWord(previousContent.word)}`);
          previousContent.counted = true;
        }
        continue;
      }

      // "jamais été aussi bien reçu", "jamais vu un service aussi mal organisé", "jamais eu de meilleure
      // expérience": after "jamais", a comparison does not deny, it says "more than ever".
      if (negationLeft > 0 && lastNegator === 'jamais' && NEVER_COMPARISONS.has(word)) {
        negationLeft = 0;
        neOpen = false;
        boost = NEVER_COMPARISON_BOOST;
        tokens.push('__never_so');
        if (!isPolar(word)) continue;
      }

      // "peu aimable" is not a small praise but a criticism; "moins de retard" is good news.
      if ((word === 'peu' && words[i - 1] !== 'un') || (word === 'moins' && words[i - 1] !== 'au')) {
        negationLeft = 1;
        negationFactor = options.negationFactor * 0.7;
        continue;
      }

      const intensity = INTENSIFIERS.get(word) ?? DIMINISHERS.get(word);
      if (intensity !== undefined && (isPolar(next) || isPolar(words[i + 2]))) {
        boost = intensity;
        continue;
      }

      const stopword = STOPWORDS.has(word);
      const inScope = negationLeft > 0;
      if (!stopword) {
        const stem = inScope ? `NOT_${stemWord(word)}` : stemWord(word);
        tokens.push(stem);
      }

      let value = wordPolarity(word);
      let pattern = false;
      if (value === undefined && !stopword) {
        const p = patternPolarity.get(word);
        if (p !== undefined) {
          value = p * options.patternScale;
          pattern = true;
        }
      }
      // A request is no thanks: "merci de me rappeler", "merci de faire le nécessaire".
      if (
        word === 'merci' &&
        (next === 'de' || next === 'd') &&
        REQUEST_AFTER_MERCI.test(words[i + 2] ?? '')
      ) {
        value = 0;
      }
      if (word.startsWith('recommand') && isRegisteredMail(words, i)) value = 0;
      if (MOYEN.has(word) && !isJudgedMoyen(words, i)) value = 0;

      let counted = false;
      if (value !== undefined && value !== 0) {
        let v = value * boost;
        if (piece.shouted.has(word)) {
          v *= SHOUT_FACTOR;
          emphasis++;
        }
        if (inScope) v *= negationFactor;
        const interjection = IRONY_PRONE.has(word) && piecesInSentence === 1 && i === 0 && !inScope;
        push(sentence, contribution(word, v, sentence, pattern, interjection || (piece.quoted && v > 0)));
        boost = 1;
        counted = true;
        // "manque de respect", "manque d'humanité": the lack of a good thing is a complaint.
        if (!inScope && MANQUE.has(word) && (next === 'de' || next === 'd')) {
          negationLeft = 2; // the decrement below leaves 1: the next content word
          negationFactor = options.negationFactor;
          restrictiveOnly = false;
        }
      } else if (isExpectedGood(word)) {
        const v = inScope ? options.expectedGoodNegated : options.expectedGoodPlain;
        if (v !== 0) push(sentence, contribution(inScope ? `NOT ${word}` : word, v, sentence, false, false));
        counted = inScope;
      }

      if (!stopword) {
        if (negationLeft > 0) negationLeft--;
        previousContent = { word, counted: counted || inScope };
      }
    }
  }
  endSentence('.');

  // Sarcasm: praise in a sentence that also complains, flagged by 👏/🙄, an ellipsis, an isolated
  // interjection ("Super, encore fermé") or quotes.
  let sarcasm = false;
  /** Praise words read as mockery or as mere courtesy: the token models must not count them as praise. */
  const ironic = new Set<string>();
  const courtesy = new Set<string>();
  for (const s of sentences) {
    const praise = s.contributions.filter((c) => c.value > 0);
    if (praise.length === 0) continue;
    const complaint = s.complaint || s.contributions.some((c) => c.value < 0);
    if (!complaint) continue;
    if (s.sarcasmEmoji) {
      for (const c of praise) {
        c.value = -c.value;
        ironic.add(c.source);
      }
      sarcasm = true;
      continue;
    }
    const candidates = praise.filter((c) => c.ironyCandidate);
    if (candidates.length > 0 && (s.ellipsisAfterFirstPiece || candidates.length === praise.length)) {
      for (const c of candidates) {
        c.value = -c.value;
        ironic.add(c.source);
      }
      sarcasm = true;
    }
  }
  // In an account, a sentence that is only an interjection ("Bravo !", "Merci.", "Génial…") comments on
  // the rest: after a complaint, "Bravo" mocks and a bare "Merci" is courtesy, not thanks.
  if (sentences.length >= 2) {
    const nets = sentences.map((s) => s.contributions.reduce((sum, c) => sum + c.value, 0));
    const total = nets.reduce((a, b) => a + b, 0);
    sentences.forEach((s, i) => {
      if (s.words > 3 || s.contributions.length === 0) return;
      const interjection = (c: Contribution) =>
        c.value > 0 && (c.ironyCandidate || (c.source === 'bien' && s.contributions.some(isThanks)));
      if (!s.contributions.every(interjection)) return;
      if (total - nets[i]! > -ACCOUNT_COMPLAINT) return;
      for (const c of s.contributions) {
        // "Merci bien." after a complaint: the "bien" goes with the courtesy.
        if (isThanks(c) || c.source === 'bien') {
          c.value = 0;
          courtesy.add(c.source);
        } else {
          c.value = -c.value;
          ironic.add(c.source);
          sarcasm = true;
        }
      }
    });
  }
  if (sarcasm) tokens.push('__sarcasm');
  if (ironic.size > 0 || courtesy.size > 0) {
    const rename = new Map<string, string>();
    for (const word of ironic) if (!word.includes(' ')) rename.set(stemWord(word), 'IRONIC_');
    for (const word of courtesy) rename.set(stemWord(word), 'COURTESY_');
    for (let i = 0; i < tokens.length; i++) {
      const prefix = rename.get(tokens[i]!);
      if (prefix) tokens[i] = `${prefix}${tokens[i]}`;
    }
  }
  // A question in a short message asks for information; inside an account of several sentences it is
  // mostly rhetorical ("Pourquoi tant d'attente ?"): the Bayes model gets a token of its own for it.
  if (sentences.length >= ACCOUNT_SENTENCES)
    for (let i = 0; i < tokens.length; i++) if (tokens[i] === '__question') tokens[i] = '__question_account';

  let positive = 0;
  let negative = 0;
  let patternNet = 0;
  const evidence: Array<{ source: string; value: number }> = [];
  const sentenceNets: number[] = [];
  let strongPositive = 0;
  let strongNegative = 0;
  for (const s of sentences) {
    let sentenceNet = 0;
    const exclamation = s.mark === '!' ? 1.2 : 1;
    const mood =
      (s.mark === '?' ? options.questionWeight : 1) * (s.conditional ? options.conditionalWeight : 1);
    for (const c of s.contributions) {
      const weight = c.conceded
        ? options.beforeContrast
        : c.afterContrast && s.hasContrast
          ? options.afterContrast
          : 1;
      const v = c.value * weight * exclamation * mood;
      evidence.push({ source: c.source, value: Math.round(v * 100) / 100 });
      if (c.pattern) patternNet += v;
      else if (v > 0) positive += v;
      else negative -= v;
      if (!c.pattern) sentenceNet += v;
      // Strong words ("scandaleux", "formidable", "pas du tout aimable") say how the writer felt; mild
      // ones ("un problème", "correct") often only describe.
      if (!c.pattern && v >= STRONG) strongPositive += v;
      if (!c.pattern && v <= -STRONG) strongNegative -= v;
    }
    sentenceNets.push(sentenceNet);
  }
  return {
    positive,
    negative,
    patternNet,
    sarcasm,
    question: sawQuestion,
    tokens,
    evidence,
    sentenceNets,
    words: wordCount,
    strongPositive,
    strongNegative,
    emphasis,
  };
}
/** Words that, after "jamais", compare with every other time: the polar word they bring is intensified. */
const NEVER_COMPARISONS = new Set([
  'aussi',
  'autant',
  'si',
  'tellement',
  'meilleur',
  'meilleure',
  'meilleurs',
  'meilleures',
  'mieux',
  'pire',
  'pires',
]);
const NEVER_COMPARISON_BOOST = 1.5;
const STRONG = 2;
/** Net complaint of the rest of an account above which a lone "Bravo !" is read as mockery. */
const ACCOUNT_COMPLAINT = 2;
/** Sentences from which a text is read as an account rather than a message. */
const ACCOUNT_SENTENCES = 3;
const THANKS = new Set(['merci', 'mersi', 'remercie', 'thanks']);
const isThanks = (c: Contribution) => THANKS.has(c.source);

const EMOJI_RUN_RE = /((?:\p{Extended_Pictographic}[\p{Emoji_Modifier}\uFE0F\u200D]*)(?:\s*))\1{3,}/gu;
const CREOLE_LE_RE = /(^|[^\p{L}])[lL][éÉ](?![\p{L}])/gu;

/*
 * "recommandé" is praise in "je le recommande" and registered mail in "en recommandé", "lettre
 * recommandée avec accusé de réception", "j'ai envoyé le recommandé".
 */
function isRegisteredMail(words: string[], i: number): boolean {
  const next = words[i + 1];
  if (next === 'avec' || next === 'ar' || next === 'accuse') return true;
  const previous = words[i - 1] ?? '';
  if (!DETERMINERS.has(previous)) return false;
  // "je le recommande", "je vous le recommande": a pronoun, not an article.
  return !(previous === 'le' || previous === 'les') || !SUBJECT_PRONOUNS.has(words[i - 2] ?? '');
}
const SUBJECT_PRONOUNS = new Set(['je', 'j', 'on', 'nous', 'vous', 'il', 'elle', 'ils', 'elles', 'te', 'ne']);

/*
 * "moyen" judges in "c'est moyen", "accueil moyen", "très moyen"; elsewhere it is an average ("délai moyen",
 * "en moyenne", "14 de moyenne") or a means ("moyen de transport", "pas les moyens").
 */
const MOYEN = new Set(['moyen', 'moyenne', 'moyennes', 'moyens']);
const MOYEN_JUDGES = new Set([
  'est',
  'etait',
  'c',
  'tres',
  'assez',
  'plutot',
  'vraiment',
  'franchement',
  'bof',
  'reste',
  'trop',
  'bilan',
  'resultat',
  'avis',
  'service',
  'accueil',
  'experience',
  'qualite',
  'prestation',
]);
function isJudgedMoyen(words: string[], i: number): boolean {
  if (words[i + 1] === 'de' || words[i + 1] === 'd') return false;
  return MOYEN_JUDGES.has(words[i - 1] ?? '') || (i === 0 && words.length <= 2);
}
const MANQUE = new Set(['manque', 'manquait', 'manquent', 'manquaient', 'manquer']);

const DETERMINERS = new Set([
  'un',
  'le',
  'les',
  'des',
  'mon',
  'ton',
  'son',
  'mes',
  'ses',
  'en',
  'ce',
  'votre',
  'notre',
  'courrier',
  'courriers',
  'lettre',
  'lettres',
  'envoi',
  'colis',
]);
/** Negators that bear on a noun phrase, with their reach in content words. */
const NOUN_NEGATORS = new Map([
  ['aucun', 1],
  ['aucune', 1],
  ['zero', 1],
  ['sans', 2],
]);

const REQUEST_AFTER_MERCI = /^(me|m|nous|le|la|les|bien|faire|[a-z]+(er|ir|re))$/;

function newSentence(): Sentence {
  return {
    contributions: [],
    hasContrast: false,
    conditional: false,
    complaint: false,
    mark: '.',
    sarcasmEmoji: false,
    ellipsisAfterFirstPiece: false,
    words: 0,
  };
}

function contribution(
  source: string,
  value: number,
  s: Sentence,
  pattern: boolean,
  ironyCandidate: boolean,
): Contribution {
  return { source, value, afterContrast: s.hasContrast, conceded: false, pattern, ironyCandidate };
}

function isPolar(word: string | undefined): boolean {
  return word !== undefined && (wordPolarity(word) !== undefined || patternPolarity.has(word));
}

/*
 * "plus" and "personne" negate only in a negative construction: "ne … plus", "plus jamais", "personne ne",
 * or "personne" as the subject opening a clause ("personne décroche"). Elsewhere they are "more"
 * ("plus rapide") and "a person" ("une personne âgée").
 */
function isNegator(word: string, next: string | undefined, neOpen: boolean, clauseStart: boolean): boolean {
  if (word === 'plus')
    return neOpen || next === 'jamais' || next === 'rien' || next === 'personne' || next === 'aucun';
  if (word === 'personne') return neOpen || (clauseStart && !isPolar(next));
  return NEGATORS.has(word) || EXTRA_NEGATORS.has(word);
}

/** The features the model reads, from the lexicon pass. */
export function sentimentFeatures(
  text: string,
  options: LexiconOptions = DEFAULT_LEXICON_OPTIONS,
): SentimentFeatures {
  const a = analyseLexically(text, options);
  return {
    tokens: a.tokens,
    positive: a.positive,
    negative: a.negative,
    patternNet: a.patternNet,
    sarcasm: a.sarcasm,
    question: a.question,
    sentenceNets: a.sentenceNets,
    words: a.words,
    strongPositive: a.strongPositive,
    strongNegative: a.strongNegative,
    emphasis: a.emphasis,
  };
}

// ---------------------------------------------------------------------------------------------------
// Training corpus and model

const corpusDir = new URL('./corpus/sentiment/', import.meta.url);

/** One labelled text of the training corpus. */
export interface SentimentExample {
  text: string;
  label: Sentiment;
  /** Which file it comes from: short messages (`{label}.txt`) or long accounts (`{label}-accounts.txt`). */
  source?: 'messages' | 'accounts';
}

/*
 * Two kinds of training text: short messages about the Living Lab's tested services (`{label}.txt`) and
 * first-person accounts of a whole experience with a public service (`{label}-accounts.txt`), from a
 * two-line verdict to a letter of six sentences, often mixing praise and complaint, labelled by the
 * writer's overall feeling. Neutral accounts are mixed or pending experiences, facts, questions and
 * requests to an administration; a bare courtesy ("Merci.") does not make a complaint positive.
 */
const CORPUS_FILES: Array<{ suffix: string; source: 'messages' | 'accounts' }> = [
  { suffix: '.txt', source: 'messages' },
  { suffix: '-accounts.txt', source: 'accounts' },
];

/** The labelled lines of src/nlp/corpus/sentiment/{negative,neutral,positive}{,-accounts}.txt. */
export function loadSentimentCorpus(): SentimentExample[] {
  const files = new Set(readdirSync(corpusDir));
  return CORPUS_FILES.flatMap(({ suffix, source }) =>
    SENTIMENTS.flatMap((label) =>
      files.has(`${label}${suffix}`)
        ? readFileSync(new URL(`${label}${suffix}`, corpusDir), 'utf8')
            .split(/\r?\n/)
            .map((line) => line.trim())
            .filter((line) => line !== '' && !line.startsWith('#'))
            .map((text) => ({ text, label, source }))
        : [],
    ),
  );
}

/** Trains a model on labelled texts (the corpus by default). */
export function trainSentiment(
  examples: Array<{ text: string; label: Sentiment }> = loadSentimentCorpus(),
  options: { lexicon?: LexiconOptions; model?: SentimentModelOptions } = {},
): { model: SentimentModel; lexicon: LexiconOptions } {
  const lexicon = options.lexicon ?? DEFAULT_LEXICON_OPTIONS;
  const labelled: LabelledFeatures[] = examples.map((e) => ({
    features: sentimentFeatures(e.text, lexicon),
    label: e.label,
  }));
  return { model: trainSentimentModel(labelled, options.model ?? DEFAULT_MODEL_OPTIONS), lexicon };
}

let current: { model: SentimentModel; lexicon: LexiconOptions } | undefined;

/** Replace the model used by `sentiment()` (e.g. one retrained with admin-reviewed feedback). */
export function useSentimentModel(trained: { model: SentimentModel; lexicon: LexiconOptions }): void {
  current = trained;
}

function model(): { model: SentimentModel; lexicon: LexiconOptions } {
  // Trained lazily from the corpus on first use (~1–2 s cold, mostly normalising and stemming the corpus
  // once), so importing this module costs nothing; a long-running bot pays it once.
  current ??= trainSentiment();
  return current;
}

/** Detailed sentiment of a text, with class probabilities that sum to 1. Never throws. */
export function sentimentScore(text: string): SentimentScore {
  const m = model();
  const features = sentimentFeatures(text, m.lexicon);
  if (
    features.tokens.length === 0 &&
    features.positive === 0 &&
    features.negative === 0 &&
    features.patternNet === 0
  ) {
    // Nothing to read (empty, emoji without meaning, garbage): neutral, and say so.
    return {
      label: 'neutral',
      score: 0,
      confidence: 1,
      probabilities: { negative: 0, neutral: 1, positive: 0 },
    };
  }
  // Emojis alone ("👍", "❤️", "😡"): the word models know an emoji only by its translation ("bien", "aime"),
  // a word they met in every kind of sentence; the emoji lexicon's verdict is clearer than theirs.
  const net = features.positive - features.negative;
  if (net !== 0 && !/[\p{L}\p{N}]/u.test(text)) {
    const side: Sentiment = net > 0 ? 'positive' : 'negative';
    const probabilities = { negative: 0.05, neutral: 0.15, positive: 0.05, [side]: 0.8 };
    return {
      label: side,
      score: probabilities.positive - probabilities.negative,
      confidence: 0.8,
      probabilities,
    };
  }
  const probabilities = predictSentiment(m.model, features);
  let label: Sentiment = 'neutral';
  for (const s of SENTIMENTS) if (probabilities[s] > probabilities[label]) label = s;
  return {
    label,
    score: probabilities.positive - probabilities.negative,
    confidence: probabilities[label],
    probabilities,
  };
}

/** Negative, neutral or positive. Never throws; neutral for empty input. */
export function sentiment(text: string): Sentiment {
  return sentimentScore(text).label;
}
