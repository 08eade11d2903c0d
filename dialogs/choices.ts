import { catalogs, type Language, type MessageKey } from './catalog/catalog.ts';

/** A label: a catalog key (translated when shown, recognised in every language) or a literal (a quartier). */
export type Label = { key: MessageKey; vars?: Record<string, string | number> } | { text: string };

/** One button of a prompt. Serializable: it lives in the dialog state between turns. */
export interface ChoiceSpec {
  value: string;
  label: Label;
  /** More words that mean this choice, written without accents (they are folded anyway). */
  synonyms?: string[];
  /** A "yes": never chosen by a sentence that says no ("pas d'accord"). */
  affirmative?: boolean;
}

/** Lower case, no accents, no punctuation or emojis, apostrophes as spaces: how choices are compared. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const NEGATIONS = new Set(['non', 'pas', 'nan', 'no', 'ne', 'refuse', 'jamais', 'pa', 'nope']);

const NUMBER_WORDS: Record<string, number> = {
  un: 1,
  une: 1,
  premier: 1,
  premiere: 1,
  deux: 2,
  deuxieme: 2,
  trois: 3,
  troi: 3,
  troisieme: 3,
  quatre: 4,
  kat: 4,
  quatrieme: 4,
  cinq: 5,
  sink: 5,
  cinquieme: 5,
  six: 6,
  sis: 6,
  sept: 7,
  set: 7,
  huit: 8,
  uit: 8,
  neuf: 9,
  nef: 9,
  dix: 10,
  onze: 11,
  douze: 12,
  treize: 13,
  quatorze: 14,
  quinze: 15,
};

/** "⭐⭐⭐⭐" (a rating in stars) reads as "4"; any other text is left as it is. */
export function starsAsNumber(text: string): string {
  const stars = /^[\s⭐★🌟*]+$/u.test(text) ? [...text.matchAll(/⭐|★|🌟|\*/gu)].length : 0;
  return stars > 0 ? String(stars) : text;
}

/** Every way a label can be written: its text in each language, folded. */
export function labelPhrases(label: Label): string[] {
  if ('text' in label) return [fold(label.text)];
  return (Object.keys(catalogs) as Language[]).map((language) =>
    fold(fill(catalogs[language][label.key], label.vars)),
  );
}

function fill(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/**
 * Finds the choice a resident meant: the exact label or a synonym; a number (buttons are numbered on
 * WhatsApp), in digits or words; otherwise the longest label or synonym whose words all appear in the
 * answer, when only one choice has it (not with `exactOnly`, for questions where any text is an answer).
 * Undefined when unsure: the prompt asks again rather than guess.
 */
export function recognizeChoice(
  text: string,
  choices: ChoiceSpec[],
  options: { exactOnly?: boolean } = {},
): ChoiceSpec | undefined {
  const answer = fold(starsAsNumber(text));
  if (!answer) return undefined;
  const phrases = choices.map((choice) => [
    ...new Set([...labelPhrases(choice.label), ...(choice.synonyms ?? []).map(fold)].filter(Boolean)),
  ]);

  const exact = choices.findIndex((_, i) => phrases[i]!.includes(answer));
  if (exact >= 0) return choices[exact];

  const number = /^(?:n|no|numero|choix)?\s*(\d{1,2})$/.exec(answer)?.[1] ?? NUMBER_WORDS[answer];
  if (number !== undefined) return choices[Number(number) - 1];
  if (options.exactOnly) return undefined;

  const words = answer.split(' ');
  const present = new Set(words);
  const negated = words.some((w) => NEGATIONS.has(w));
  let best: { index: number; score: number } | undefined;
  let tie = false;
  choices.forEach((choice, index) => {
    if (choice.affirmative && negated) return;
    for (const phrase of phrases[index]!) {
      const tokens = phrase.split(' ');
      if (!tokens.every((token) => present.has(token))) continue;
      const score = tokens.length;
      if (!best || score > best.score) {
        best = { index, score };
        tie = false;
      } else if (score === best.score && best.index !== index) {
        tie = true;
      }
    }
  });
  return best && !tie ? choices[best.index] : undefined;
}
