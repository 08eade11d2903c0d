/**
 * WhatsApp Web no longer delivers buttons or lists to personal accounts: a choice is a numbered list, and
 * the resident answers by typing. This module renders the list and recognises the answer in the many ways
 * people type it — "2", "2.", "deux", "le deuxième", "dé" (Creole), the label, the label without accents or
 * with a typo — and gives back the choice's value, which the adapter puts in `activity.text` exactly as a
 * button press would.
 */

/** A choice as a dialog offered it (`suggestedActions` imBack): what is shown, and what pressing it says. */
export interface OfferedChoice {
  title: string;
  value: string;
}

/** The choice list under a question, numbers in bold. */
export function renderNumberedChoices(choices: readonly OfferedChoice[]): string {
  return choices.map((choice, i) => `*${i + 1}.* ${choice.title}`).join('\n');
}

/** Lowercase, accents folded, anything but letters and digits turned into single spaces. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// French cardinals and ordinals, and their Réunion Creole forms, as folded by `fold`.
const NUMBER_WORDS: Record<string, number> = {};
const addWords = (n: number, words: string) => {
  for (const word of words.split(' ')) NUMBER_WORDS[word] = n;
};
addWords(1, 'un une premier premiere 1er 1ere 1re in inn');
addWords(2, 'deux deuxieme second seconde 2e 2eme 2nd 2nde de');
addWords(3, 'trois troisieme 3e 3eme trwa troi');
addWords(4, 'quatre quatrieme 4e 4eme kat');
addWords(5, 'cinq cinquieme 5e 5eme sink');
addWords(6, 'six sixieme 6e 6eme sis');
addWords(7, 'sept septieme 7e 7eme set');
addWords(8, 'huit huitieme 8e 8eme uit');
addWords(9, 'neuf neuvieme 9e 9eme nef');
addWords(10, 'dix dixieme 10e 10eme dis');
addWords(11, 'onze onzieme 11e 11eme');
addWords(12, 'douze douzieme 12e 12eme');

// Words people put around a number ("le 2", "numéro 2", "choix n° 2", "je prends la 2") that say nothing.
const FILLERS = new Set(
  'le la l les c est ce je prends prend choisis choisi choix option reponse numero num no n nr n° mon ma pour moi svp stp merci ok'.split(
    ' ',
  ),
);

// Words that carry no meaning when matching an answer against a label's words.
const LABEL_STOPWORDS = new Set(
  'le la les l un une des de du d mon ma mes a au aux et ou sur pour en je j'.split(' '),
);

/** Keycap emoji digits (1️⃣) as plain digits. */
function unKeycap(text: string): string {
  return text.replace(/([0-9])\uFE0F?\u20E3/g, '$1').replace(/\u{1F51F}/gu, '10');
}

/**
 * Damerau–Levenshtein distance (optimal string alignment): a swapped pair of letters counts as one typo,
 * as it does for a person typing on a phone.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      }
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** How many typos a word of this length may carry and still be recognised: none in very short words. */
function tolerance(length: number): number {
  if (length <= 3) return 0;
  if (length <= 6) return 1;
  if (length <= 12) return 2;
  return 3;
}

/** True when `answer` is `target`, give or take the typos a word of that length may carry. */
const close = (answer: string, target: string) =>
  answer === target || (answer.length >= 3 && editDistance(answer, target) <= tolerance(target.length));

/** The one index for which `test` holds, or undefined when none or several do (never guess between two). */
function unique(choices: readonly string[], test: (label: string) => boolean): number | undefined {
  let found: number | undefined;
  for (let i = 0; i < choices.length; i++) {
    if (!test(choices[i]!)) continue;
    if (found !== undefined) return undefined;
    found = i;
  }
  return found;
}

/** The 1-based number the answer designates, if it is a number in one of its written forms. */
function numberIn(words: string[], labels: readonly string[]): number | undefined {
  const meaningful = words.filter((w) => !FILLERS.has(w));
  if (meaningful.length === 0) return undefined;
  const [first, ...rest] = meaningful;
  const n = /^\d{1,2}$/.test(first!) ? Number(first) : NUMBER_WORDS[first!];
  if (n === undefined) return undefined;
  // "2" alone, or "2. Aide" copied from the list; but "2 enfants" is an answer of its own, not choice 2.
  if (rest.length === 0) return n;
  const label = labels[n - 1];
  return label !== undefined && close(rest.join(' '), label) ? n : undefined;
}

/**
 * The choice a resident's text designates, or undefined when the text is not clearly one of them (then it
 * goes to the dialog unchanged, which may read it as free text or ask again).
 */
export function matchChoice(text: string, choices: readonly OfferedChoice[]): OfferedChoice | undefined {
  const answer = fold(unKeycap(text));
  if (!answer || choices.length === 0) return undefined;
  const labels = choices.map((c) => fold(c.title));
  const values = choices.map((c) => fold(c.value));
  const pick = (index: number | undefined) => (index === undefined ? undefined : choices[index]);

  // 1. The label or value itself, accents and punctuation aside.
  const exact = unique(labels, (l) => l === answer) ?? unique(values, (v) => v === answer);
  if (exact !== undefined) return pick(exact);

  const words = answer.split(' ');
  // 2. A number that one label starts with, when labels are numbered themselves ("5 - très bien", "4 - bien"…):
  //    the resident means the label, whatever its place in the list.
  if (words.length === 1 && /^\d{1,2}$/.test(answer)) {
    const numbered = unique(labels, (l) => l.split(' ')[0] === answer);
    if (numbered !== undefined) return pick(numbered);
  }

  // 3. A number: "2", "2.", "n°2", "deux", "le deuxième", "dé".
  const n = numberIn(words, labels);
  if (n !== undefined) return n >= 1 && n <= choices.length ? pick(n - 1) : undefined;

  // 4. The label with typos.
  const typo = unique(labels, (l) => close(answer, l));
  if (typo !== undefined) return pick(typo);

  // 5. A number word with a typo ("duex"), only for words long enough to be told apart.
  if (words.length === 1 && answer.length >= 4) {
    const near = Object.entries(NUMBER_WORDS).filter(([w]) => w.length >= 4 && editDistance(w, answer) <= 1);
    const numbers = new Set(near.map(([, k]) => k));
    if (numbers.size === 1) {
      const k = [...numbers][0]!;
      return k <= choices.length ? pick(k - 1) : undefined;
    }
  }

  // 6. Some words of one label only ("idée" for "Proposer une idée"), each possibly misspelt. Every word of
  //    the answer must belong to the label: "j'ai besoin d'un abribus" is a need, not the "besoin" button.
  const answerWords = words.filter((w) => !LABEL_STOPWORDS.has(w));
  if (answerWords.length === 0 || answerWords.some((w) => w.length < 3)) return undefined;
  const partial = unique(labels, (label) => {
    const labelWords = label.split(' ');
    return answerWords.every((w) => labelWords.some((lw) => close(w, lw)));
  });
  return pick(partial);
}
