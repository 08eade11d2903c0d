import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectLanguage, detectLanguageDetailed } from '../../src/nlp/language.ts';

// Short messages written for this test (not taken from the corpus or from real residents), the way
// people in Bras-Panon write to Kozé: a few words, SMS spellings, no punctuation at times.
const FRENCH = [
  'bonjour',
  'ok',
  'merci beaucoup',
  'Le bus ne passe plus',
  "Il n'y a pas de bus le dimanche",
  'Je voudrais un rendez-vous',
  "C'est très bien",
  'Pas de souci',
  'Les poubelles débordent',
  'Quand est-ce que la piscine ouvre ?',
  "J'ai une idée pour le quartier",
  'Merci pour votre aide',
  'Arrêter',
  'aide',
  'menu',
  "Il faut réparer l'éclairage de la rue",
  "Trop de voitures roulent vite devant l'école",
  'Je suis content du service',
  'La mairie ne répond jamais',
  'Mon fils cherche un stage',
  'Les trottoirs sont sales',
  "Qui s'occupe des chiens errants ?",
  'Je ne sais pas',
  'Bonne idée',
  'super',
  'nul',
  'Salut',
  'À quelle heure ouvre la médiathèque ?',
  'Il manque des bancs au parc',
  'Mes voisins font du bruit la nuit',
  'Le médecin est parti à la retraite',
  'ya pa d bus pr monté',
  'svp un lampadaire',
  'c nul',
  'slt ça va',
  'jsp quoi faire',
  'Je veux me désinscrire',
  'La route est pleine de trous',
  'On attend depuis trois mois',
  'Très bon accueil à la mairie',
  'Le ramassage des déchets verts est en retard',
  'Les enfants n’ont nulle part où jouer',
  // Written after the detector was finished, and measured once before being added here (17/17).
  'Quand passe le prochain car ?',
  'Je souhaite signaler un trou dans la route',
  'Le parc est fermé depuis lundi',
  "Bonsoir, j'ai une question",
  'On veut un marché le dimanche',
  'Les moustiques nous envahissent',
  'Mon voisin brûle ses déchets',
  'Où puis-je déposer mes encombrants ?',
  'La cantine est trop chère',
  'Merci pour tout',
  'Je ne comprends pas le formulaire',
  'Y a-t-il une aide pour les loyers ?',
  'Le médecin ne prend plus de patients',
  'svp rappelez moi',
  'stop',
  "C'est super ce que vous faites",
  "jveux parler à quelqu'un",
];

const CREOLE = [
  'néna pwin bis',
  "Néna in gro problèm d'lo dann nout kartié",
  'Lé bon, mi lé kontan',
  'Zot la fé in bon travay',
  'Kossa i lé sa ?',
  'Mi koné pa',
  'Bis la pa pasé zordi',
  'Lékol lé fermé dopi lundi',
  'Mi la pa gagn mon papié',
  'Néna tro lo moustik dann ravine',
  'Lopital lé tro loin pou mon gramoun',
  'Bann marmay na pwin landroi pou zoué',
  'Mersi, zot lé gayar',
  'Sa lé pa normal',
  'Koman i fé pou inskri ?',
  'Na pwin travay pou bann zène',
  'Mi vé in kaz',
  'Lapli la kas lo shemin',
  'Kan bis i pas ?',
  'Mon marmay i giny pa ariv lékol',
  'Zot i ékout pa nou',
  'Lé bien sa',
  'Zot la di amwin zot i rapel, mé personn la pa rapel',
  'Mi sa vien samdi',
  'Bonzour, mi apèl Jean',
  'Kisa i okip bann shien errant ?',
  'Dolo lé koupé ankor',
  'Néna in trou dann shemin',
  'Nou lé fatigé ek sa',
  'Astèr lé mié',
  'La mairie i réponn pa',
  'Mi trouv sa lé tro shèr',
  'Fo mèt in lanp dann shemin',
  'Ankor in fwa bis lé an rotar',
  'Mi lé dakor',
  'Nou na bezoin in parking',
  'Bann zanfan i kour partou dann shemin',
  'Zordi mi lé malad',
  'Ala in bon zidé',
  'Tousala lé pa bon',
  'Kosa zot i fé pou nou ?',
  'Mi oulé aret',
  // Written after the detector was finished, and measured once before being added here (17/17).
  'Kan i sa pas lo kamion poubel ?',
  'Mi sava la mèri domin',
  'Nana in trou dann larout',
  'Zot i pé édé amwin ?',
  'Mon marmay lé malad',
  'Lé tro shèr la kantine',
  'Bonzour, kosa mi doi fé ?',
  'Ousa mi pé zète mon fatra ?',
  'Li vé in travay',
  'Nout kartié na pwin lalimyèr',
  'Mersi bonpé',
  'Mi konpran pa lo papié',
  'Lo doktèr i pran pi moun',
  'Anou alé',
  'Sa lé zoli',
  'Ala zot i fé in bon zafèr',
  'Mi lé fatigé ek lo bis',
];

function accuracy(messages: string[], expected: 'fr' | 'rcf'): number {
  return messages.filter((m) => detectLanguage(m) === expected).length / messages.length;
}

describe('detectLanguage on short hand-written messages', () => {
  it('recognises French messages', () => {
    const wrong = FRENCH.filter((m) => detectLanguage(m) !== 'fr');
    // Honest target (≥ 90%): a few misses are tolerated, and listed on failure.
    expect(accuracy(FRENCH, 'fr'), wrong.join(' | ')).toBeGreaterThanOrEqual(0.9);
  });

  it('recognises Réunion Creole messages', () => {
    const wrong = CREOLE.filter((m) => detectLanguage(m) !== 'rcf');
    expect(accuracy(CREOLE, 'rcf'), wrong.join(' | ')).toBeGreaterThanOrEqual(0.9);
  });

  it('handles the examples of the issue', () => {
    expect(detectLanguage('néna pwin bis')).toBe('rcf');
    expect(detectLanguage('bonjour')).toBe('fr');
    expect(detectLanguage('ok')).toBe('fr');
    expect(detectLanguageDetailed('ok').confidence).toBeLessThanOrEqual(0.6);
  });

  it('is more confident on a long Creole sentence than on a short one', () => {
    const long = detectLanguageDetailed(
      "Néna in gro problèm d'lo dann nout kartié, dopi trwa zour na pwin dolo dann robiné é zot i réponn pa.",
    );
    const short = detectLanguageDetailed('néna pwin bis');
    expect(long.language).toBe('rcf');
    expect(long.confidence).toBeGreaterThan(short.confidence);
  });

  it('labels a long French sentence as French with high confidence', () => {
    const r = detectLanguageDetailed(
      "Depuis le début du mois, le bus scolaire de Rivière-du-Mât passe avec une demi-heure de retard et les enfants arrivent en retard à l'école.",
    );
    expect(r.language).toBe('fr');
    expect(r.confidence).toBeGreaterThan(0.9);
  });
});

describe('detectLanguageDetailed on other languages and bad input', () => {
  it('reports English as other, and detectLanguage falls back to French', () => {
    const english = 'Hello, the bus is always late and nobody answers the phone at the town hall.';
    expect(detectLanguageDetailed(english).language).toBe('other');
    expect(detectLanguage(english)).toBe('fr');
  });

  it('reports Spanish as other', () => {
    expect(
      detectLanguageDetailed(
        'El autobús nunca llega a tiempo y los niños esperan bajo la lluvia cada mañana.',
      ).language,
    ).toBe('other');
  });

  it.each([
    ['empty', ''],
    ['whitespace', '   \n\t  '],
    ['emoji only', '👍👍🙏'],
    ['digits', '0692 12 34 56'],
    ['binary garbage', '\u0000\u0001\u0002\uFFFD\uFFFD\u0007\u001b[31m'],
  ])('says unknown for %s, without throwing', (_name, text) => {
    expect(detectLanguageDetailed(text)).toEqual({ language: 'unknown', confidence: 0 });
    expect(detectLanguage(text)).toBe('fr');
  });

  it('copes with 10,000 characters and non-strings', () => {
    const long = 'Le bus est en retard. '.repeat(500);
    expect(detectLanguage(long)).toBe('fr');
    expect(detectLanguage(('néna pwin dolo ' as string).repeat(700))).toBe('rcf');
    expect(() => detectLanguageDetailed(undefined as unknown as string)).not.toThrow();
    expect(() => detectLanguageDetailed(null as unknown as string)).not.toThrow();
  });
});

describe('detectLanguage on the training corpus', () => {
  // The corpus has no language labels; a line with two or more unambiguous Creole markers and no French
  // function word is taken as Creole, a line of 8+ words with none of the markers as French. This is a
  // loose check that the detector agrees with those obvious cases on texts it was not written against.
  const corpusDir = new URL('../../src/nlp/corpus/categories/', import.meta.url);
  const lines = readdirSync(corpusDir)
    .filter((f) => f.endsWith('.txt'))
    .flatMap((f) => readFileSync(new URL(f, corpusDir), 'utf8').split('\n'))
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const words = (l: string) => new Set(l.toLowerCase().split(/[^\p{L}]+/u));
  const count = (l: string, list: string[]) => list.filter((w) => words(l).has(w)).length;
  const CREOLE_WORDS = [
    'néna',
    'nana',
    'zot',
    'dann',
    'lé',
    'mi',
    'nout',
    'bann',
    'pwin',
    'ek',
    'kaz',
    'marmay',
  ];
  const FRENCH_WORDS = ['les', 'des', 'est', 'une', 'je', 'nous', 'vous', 'dans', 'depuis', 'sont', 'il'];
  const obviousCreole = lines.filter((l) => count(l, CREOLE_WORDS) >= 2 && count(l, FRENCH_WORDS) === 0);
  const obviousFrench = lines.filter(
    (l) => l.split(/\s+/).length >= 8 && count(l, FRENCH_WORDS) >= 1 && count(l, CREOLE_WORDS) === 0,
  );

  it('finds Creole lines as Creole', () => {
    expect(obviousCreole.length).toBeGreaterThan(5);
    expect(accuracy(obviousCreole, 'rcf')).toBeGreaterThanOrEqual(0.9);
  });

  it('finds French lines as French', () => {
    expect(accuracy(obviousFrench, 'fr')).toBeGreaterThanOrEqual(0.97);
  });
});
