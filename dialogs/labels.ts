import type { TurnContext } from 'botbuilder';
import { catalogs, type Catalog, type Language, type MessageKey } from './catalog/catalog.ts';
import { fold, type ChoiceSpec } from './choices.ts';

/*
 * Buttons used by several dialogs, with the words residents use for them (written without accents: answers
 * are folded before comparison).
 */

export const YES_WORDS = [
  'oui',
  'wi',
  'ok',
  'okay',
  'd accord',
  'dakor',
  'daccord',
  'ouais',
  'ouai',
  'yes',
  'oui oui',
  'bien sur',
  'absolument',
  'exact',
  'exactement',
  'voila',
  'c est ca',
  'c bon',
  'lé bon',
  'le bon',
  'sa mem',
  'sa meme',
  'parfait',
  '👍',
];
export const NO_WORDS = [
  'non',
  'nan',
  'no',
  'non merci',
  'pas du tout',
  'pa',
  'non pa',
  'na',
  'nope',
  'pas vraiment',
  'pas d accord',
  'pa dakor',
  'jamais',
];
export const SKIP_WORDS = [
  'passer',
  'passe',
  'pas de photo',
  'skip',
  'suivant',
  'plus tard',
  'je passe',
  'rien',
  'aucun',
  'aucune',
  'non merci',
  'pas besoin',
  'non',
  'nan',
];

export function yes(key: MessageKey, value = 'yes'): ChoiceSpec {
  return { value, label: { key }, synonyms: YES_WORDS, affirmative: true };
}

export function no(key: MessageKey, value = 'no'): ChoiceSpec {
  return { value, label: { key }, synonyms: NO_WORDS };
}

export function skip(key: MessageKey = 'choice.skip', value = 'skip'): ChoiceSpec {
  return { value, label: { key }, synonyms: SKIP_WORDS };
}

/** Words that mean each category, beyond its label. */
const CATEGORY_WORDS: Record<string, string[]> = {
  mobilite: [
    'mobilite',
    'transport',
    'transports',
    'bus',
    'navette',
    'route',
    'routes',
    'velo',
    'deplacement',
    'stationnement',
    'trottoir',
  ],
  environnement: [
    'environnement',
    'eau',
    'proprete',
    'dechets',
    'poubelles',
    'ordures',
    'nature',
    'pollution',
    'salete',
  ],
  logement: ['logement', 'maison', 'habitat', 'loyer', 'lakaz', 'la kaz', 'kaz'],
  sante: ['sante', 'medecin', 'docteur', 'soins', 'pharmacie', 'lasante'],
  solidarite: ['solidarite', 'social', 'action sociale', 'entraide', 'aide sociale', 'personnes agees'],
  emploi: ['emploi', 'travail', 'economie', 'commerce', 'entreprise', 'chomage', 'travay'],
  jeunesse_education: ['jeunesse', 'education', 'ecole', 'jeunes', 'enfants', 'college', 'marmay', 'zenfan'],
  culture_sport: ['culture', 'sport', 'loisirs', 'musique', 'fete', 'stade'],
  securite: ['securite', 'tranquillite', 'delinquance', 'vol', 'bruit', 'police'],
  numerique: ['numerique', 'internet', 'wifi', 'informatique', 'reseau', 'ordinateur', 'telephone'],
  agriculture_alimentation: [
    'agriculture',
    'alimentation',
    'nourriture',
    'jardin',
    'agriculteurs',
    'manger',
    'marche',
  ],
  services_publics: ['services publics', 'mairie', 'administration', 'papiers', 'service public', 'lamerie'],
  autre: ['autre', 'autre chose', 'autres', 'ot', 'ot zafer', 'otzafer'],
};

export function hasCategoryLabel(code: string): boolean {
  return `category.${code}` in catalogs.fr;
}

export function categoryLabel(t: Catalog, context: TurnContext, code: string): string {
  return hasCategoryLabel(code) ? t(context, `category.${code}` as MessageKey) : code;
}

export function categoryChoice(code: string): ChoiceSpec {
  return {
    value: `category:${code}`,
    label: hasCategoryLabel(code) ? { key: `category.${code}` as MessageKey } : { text: code },
    synonyms: [code.replace(/_/g, ' '), ...(CATEGORY_WORDS[code] ?? [])],
  };
}

/** Quartiers are names from the configuration, shown as they are written. */
export function quartierChoice(name: string): ChoiceSpec {
  return { value: `quartier:${name}`, label: { text: name } };
}

/**
 * The one quartier a text names as a whole phrase ("plus de bus à bellevue", "Riviere du Mat les Hauts"),
 * or undefined when it names none or several (then the resident is asked).
 */
export function quartierNamedIn(text: string, quartiers: readonly string[]): string | undefined {
  const words = ` ${fold(text)} `;
  const named = quartiers.filter((name) => fold(name) !== '' && words.includes(` ${fold(name)} `));
  return named.length === 1 ? named[0] : undefined;
}

export const LANGUAGE_CHOICES: ChoiceSpec[] = [
  {
    value: 'fr',
    label: { key: 'language.fr' },
    synonyms: ['francais', 'french', 'fr', 'franse', 'en francais'],
  },
  {
    value: 'rcf',
    label: { key: 'language.rcf' },
    synonyms: [
      'kreol',
      'creole',
      'kreyol',
      'reyone',
      'reunionnais',
      'rcf',
      'kreol reyone',
      'kreol rennyone',
      'en creole',
      'an kreol',
    ],
  },
];

/** Catalog keys of buttons that only make sense as the answer to a question. */
const ANSWER_BUTTON_KEYS: MessageKey[] = [
  'choice.yes',
  'choice.no',
  'choice.skip',
  'choice.cancel',
  'consent.accept',
  'consent.refuse',
  'consent.more',
  'need.category.yes',
  'need.category.other',
  'need.place.other',
  'need.photo.skip',
  'need.more.no',
  'save.confirm',
  'save.restart',
  'save.retry',
  'erase.yes',
  'erase.no',
  'profile.skipAll',
  'profile.quartier.other',
  'profile.quartier.undisclosed',
  'idea.carrier.moi',
  'idea.carrier.association',
  'idea.carrier.entreprise',
  'idea.carrier.commune',
  'idea.carrier.ne_sait_pas',
  'choice.maybe',
];

let staleWords: Set<string> | undefined;

/**
 * True when an idle message is a button of an old question (or a bare yes/no): a tap on a message the
 * conversation has moved past. It is not a new need.
 */
export function isStaleButton(text: string): boolean {
  if (!staleWords) {
    staleWords = new Set([...YES_WORDS, ...NO_WORDS, ...SKIP_WORDS].map(fold));
    for (const key of ANSWER_BUTTON_KEYS)
      for (const language of Object.keys(catalogs) as Language[])
        staleWords.add(fold(catalogs[language][key]));
    for (const code of Object.keys(CATEGORY_WORDS))
      if (hasCategoryLabel(code)) {
        for (const language of Object.keys(catalogs) as Language[])
          staleWords.add(fold(catalogs[language][`category.${code}` as MessageKey]));
      }
  }
  const folded = fold(text);
  return staleWords.has(folded) || /^\d+$/.test(folded);
}

const THANKS = new Set(
  [
    'merci',
    'mersi',
    'merci beaucoup',
    'merci bien',
    'ok merci',
    'merci koze',
    'mersi bonpe',
    'mersi bokou',
    'thanks',
    'super merci',
    'ok',
    'okay',
    'd accord',
    'dakor',
    'parfait',
    'top',
    'cool',
    'super',
    'genial',
    'au revoir',
    'a bientot',
    'bonne journee',
    'bonne soiree',
    'lé bon',
    'le bon',
  ].map(fold),
);

/** Thanks and acknowledgements ("merci", "ok"): a polite word back, nothing to do. */
export function isThanks(text: string): boolean {
  return THANKS.has(fold(text).replace(/\s+(svp|stp)$/, ''));
}
