import { describe, expect, it } from 'vitest';
import { analyseLexically, loadSentimentCorpus, sentiment, sentimentScore } from '../../src/nlp/sentiment.ts';
import { crossValidateSentiment, evaluateSentiment, scoreSentiment } from '../../src/nlp/sentiment-eval.ts';
import { combineFeatures, synthesiseAccounts } from '../../src/nlp/sentiment-model.ts';
import type { Sentiment } from '../../src/nlp/types.ts';
import { ratingToSentiment } from '../../src/nlp/eval-data.ts';
import { NARRATIVES } from './sentiment-narratives.ts';

/** The words and phrases that the lexicon pass weighed in a text. */
function sources(text: string): string[] {
  return analyseLexically(text).evidence.map((e) => e.source);
}

/** Net lexical polarity: what the lexicon pass alone makes of a text. */
function net(text: string): number {
  const a = analyseLexically(text);
  return a.positive - a.negative;
}

describe('French negation', () => {
  it.each<[string, Sentiment]>([
    ["C'est pas bien", 'negative'],
    ["Ce n'est pas bien du tout", 'negative'],
    ['Pas mal, le nouveau service', 'positive'],
    ['Plus jamais ça', 'negative'],
    ['Aucun intérêt', 'negative'],
    ['Ça ne sert à rien', 'negative'],
    ['Rien à redire', 'positive'],
    ['Pas de souci, merci', 'positive'],
    ['Personne ne répond au téléphone', 'negative'],
    ['ça marche pas', 'negative'],
    ['Je ne suis pas déçu', 'positive'],
    ['Aucune réponse à mon courrier', 'negative'],
  ])('%s → %s', (text, expected) => {
    expect(sentiment(text)).toBe(expected);
  });

  it('flips the polarity of a word inside the scope and not outside it', () => {
    expect(net("c'est bien")).toBeGreaterThan(0);
    expect(net("ce n'est pas bien")).toBeLessThan(0);
    // "pas mal" is mildly positive: weaker than plain praise.
    expect(net('pas mal')).toBeGreaterThan(0);
    expect(net('pas mal')).toBeLessThan(net('excellent'));
    // Punctuation ends the scope: "super" is not negated by the "pas" of the first clause.
    expect(net("il n'y avait pas de bus, mais le chauffeur du taxi était super")).toBeGreaterThan(0);
  });

  it('reads "ne … que" as a restriction, not a negation', () => {
    expect(net("Il ne m'a fallu qu'un appel pour que tout soit réglé")).toBeGreaterThanOrEqual(0);
  });

  it('does not take a person for a negator', () => {
    expect(net('Une personne très aimable à l’accueil')).toBeGreaterThan(0);
  });
});

describe('"jamais" with a comparison, and idioms', () => {
  it.each<[string, Sentiment]>([
    ['Jamais été aussi bien reçu à la mairie.', 'positive'],
    ["Je n'ai jamais eu de meilleure expérience avec un service public.", 'positive'],
    ['Jamais vu un service aussi mal organisé.', 'negative'],
    ['Pas un seul souci en trois mois de navette.', 'positive'],
    ["Atelier trop rapide, je n'ai rien compris.", 'negative'],
    ['Une perte de temps, on n’en peut plus.', 'negative'],
  ])('%s → %s', (text, expected) => {
    expect(sentiment(text)).toBe(expected);
  });

  it('reads a mark out of 5, 10 or 20, and not a date', () => {
    expect(sentiment('10/10 pour le bus de nuit')).toBe('positive');
    expect(sentiment('2/10, à éviter')).toBe('negative');
    expect(sentiment("Pour moi c'est 5/10.")).toBe('neutral');
    expect(sources('Je mets 17/20 à la navette')).toContain('mark');
    expect(sources('rdv le 2/10 à 9h')).not.toContain('mark');
  });

  it.each<[string, Sentiment]>([
    ['Je reviendrai sans hésiter.', 'positive'],
    ["On ne remerciera jamais assez les bénévoles de l'épicerie.", 'positive'],
    ['Honnêtement, je m’attendais à mieux.', 'negative'],
    ['ras le bol des horaires qui changent tout le temps', 'negative'],
  ])('idiom: %s → %s', (text, expected) => {
    expect(sentiment(text)).toBe(expected);
  });

  it('reads "jamais … aussi" as "more than ever", and leaves other negations alone', () => {
    expect(net('jamais été aussi bien reçu')).toBeGreaterThan(net('bien reçu'));
    expect(net('jamais vu un service aussi mal organisé')).toBeLessThan(net('service mal organisé'));
    // "pas aussi bien que prévu" compares with an expectation: no praise.
    expect(net("ce n'est pas aussi bien que prévu")).toBeLessThanOrEqual(0);
    expect(net("ce n'est jamais bien")).toBeLessThan(0);
  });
});

describe('negation scope and lexicon of public-service accounts', () => {
  it.each([
    'Une erreur dans mon dossier',
    'Ma demande a été refusée',
    'Je suis ressortie en larmes',
    "J'ai pleuré dans la voiture",
    "C'était humiliant",
    'Mon dossier a été égaré',
    'Le service est débordé',
    'Le document reste introuvable',
    'Un accueil froid',
    'Un agent irrespectueux',
    'Une conseillère condescendante',
    'Une réponse désinvolte',
    "On m'avait promis un rappel",
  ])('%s is a complaint', (text) => {
    expect(net(text)).toBeLessThan(0);
  });

  it.each([
    'Je suis très reconnaissante',
    'Merci pour votre patience et votre écoute',
    "Beaucoup d'humanité",
    "L'agent m'a présenté ses excuses",
  ])('%s is praise', (text) => {
    expect(net(text)).toBeGreaterThan(0);
  });

  it('reads the lack of a good thing as a complaint', () => {
    expect(net("Un manque d'humanité")).toBeLessThan(net('Un manque'));
    expect(net('Aucune excuse')).toBeLessThan(0);
    expect(net('Sans aucune patience')).toBeLessThan(0);
  });

  it('takes "recommandé" for registered mail when it is one, and for praise otherwise', () => {
    expect(net('Lettre recommandée avec accusé de réception')).toBe(0);
    expect(sources("J'ai envoyé le recommandé lundi")).not.toContain('recommande');
    expect(sources('Je le recommande')).toContain('recommande');
    expect(net('Je le recommande')).toBeGreaterThan(0);
    expect(net('Je vous le recommande vivement')).toBeGreaterThan(0);
  });

  it('takes "moyen" for a judgement only where it judges', () => {
    expect(net('Le délai moyen est de deux mois')).toBe(0);
    expect(net('Il a eu 14 de moyenne')).toBe(0);
    expect(net("Je n'ai pas les moyens")).toBe(0);
    expect(net("C'est moyen")).toBeLessThan(0);
    expect(net('Accueil moyen')).toBeLessThan(0);
  });

  it('does not count waiting itself as a complaint', () => {
    expect(sources("J'attends toujours la réponse").filter((s) => s.startsWith('attend'))).toEqual([]);
    expect(net('Une attente interminable')).toBeLessThan(net('Une attente'));
  });

  it('lets "que" end a negation: the subordinate clause is not negated', () => {
    expect(net('Je ne pensais pas que ce serait aussi simple')).toBeGreaterThan(0);
    expect(net("Je ne savais pas que c'était si rapide")).toBeGreaterThan(0);
    expect(net("Ce n'est pas simple")).toBeLessThan(0);
  });

  it('only reads a post-verbal negator as negating the verb before it', () => {
    expect(sources('Tout a été payé sans interruption')).not.toContain('NOT paye');
    expect(net('Tout a été payé sans interruption')).toBeGreaterThanOrEqual(0);
    expect(net('il rappelle jamais')).toBeLessThan(0);
    expect(net('ça marche pas')).toBeLessThan(0);
  });

  it('reads Creole "lé" as "is", not as the article "le"', () => {
    expect(analyseLexically('lé bon').tokens).toEqual(analyseLexically('est bon').tokens);
    expect(net('mi lé kontan')).toBeGreaterThan(0);
    expect(net('zot lé zanti')).toBeGreaterThan(0);
  });

  it('gives factual and pending verdicts a token without polarity', () => {
    const a = analyseLexically("Rien à signaler pour l'instant");
    expect(a.positive + a.negative).toBe(0);
    expect(a.tokens).toContain('__ph_rien_a_signaler');
    expect(a.tokens).toContain('__ph_pour_l_instant');
  });

  it('reports the polarity of each sentence in order, and the length', () => {
    const a = analyseLexically("J'ai déposé mon dossier. L'attente a été interminable. Au final, merci !");
    expect(a.sentenceNets).toHaveLength(3);
    expect(a.sentenceNets[0]).toBe(0);
    expect(a.sentenceNets[1]).toBeLessThan(0);
    expect(a.sentenceNets[2]).toBeGreaterThan(0);
    expect(a.words).toBe(13);
  });
});

describe('letters to an administration', () => {
  it.each(['Cordialement', 'Bien cordialement.', 'Salutations'])(
    'reads the one-word closing "%s" as no praise',
    (text) => {
      expect(analyseLexically(text).positive).toBe(0);
    },
  );

  it.each([
    "Merci d'avance.",
    'En vous remerciant par avance.',
    'Je vous remercie de votre compréhension.',
    'Bonne journée',
    "Je vous prie d'agréer, Madame, Monsieur, l'expression de mes sentiments respectueux.",
  ])('reads the courtesy formula "%s" as no praise', (text) => {
    const a = analyseLexically(text);
    expect(a.positive).toBe(0);
    expect(a.tokens).toContain('__closing');
  });

  it('still reads a sincere thank-you as praise', () => {
    expect(net('Merci pour votre aide')).toBeGreaterThan(0);
    expect(net('Je vous remercie pour votre patience')).toBeGreaterThan(0);
  });

  it('does not let a closing formula turn a complaint around', () => {
    const complaint = "Trois mois sans réponse, c'est inadmissible.";
    expect(net(`${complaint} Cordialement.`)).toBe(net(complaint));
    expect(sentiment(`${complaint} Merci d'avance. Bien cordialement.`)).toBe('negative');
  });
});

describe('accounts: interjections, effort, questions', () => {
  it('reads a lone "Bravo !" after a complaint as mockery, and after praise as praise', () => {
    const complaint = 'Trois mois sans réponse, mon dossier a été perdu deux fois. Bravo !';
    expect(analyseLexically(complaint).sarcasm).toBe(true);
    expect(sentiment(complaint)).toBe('negative');
    const praise = 'Le dossier a été traité en une semaine, tout était clair. Bravo !';
    expect(analyseLexically(praise).sarcasm).toBe(false);
    expect(sentiment(praise)).toBe('positive');
  });

  it('reads a bare "Merci." closing a complaint as courtesy', () => {
    const complaint = 'Dossier perdu, aucune réponse depuis deux mois.';
    expect(net(`${complaint} Merci.`)).toBe(net(complaint));
    expect(net('Accueil aimable, dossier réglé en dix minutes. Merci.')).toBeGreaterThan(
      net('Accueil aimable, dossier réglé en dix minutes.'),
    );
  });

  it('reads "réussi à" as the effort it took, not as a success', () => {
    expect(sources("J'ai enfin réussi à joindre quelqu'un")).not.toContain('reussi');
    expect(net('Opération réussie')).toBeGreaterThan(0);
  });

  it('gives a question inside an account a token of its own', () => {
    expect(analyseLexically('Est-ce gratuit ?').tokens).toContain('__question');
    const account = "J'ai attendu deux heures. Personne ne m'a informé. Pourquoi tant d'attente ?";
    expect(analyseLexically(account).tokens).toContain('__question_account');
    expect(analyseLexically(account).tokens).not.toContain('__question');
  });
});

describe('emphasis and very long texts', () => {
  it('weighs a polar word written in capitals more, and ignores capitals without polarity', () => {
    expect(net("C'est INADMISSIBLE")).toBeLessThan(net("C'est inadmissible"));
    expect(analyseLexically('La CAF et la CPAM').emphasis).toBe(0);
    expect(analyseLexically("C'est INADMISSIBLE").emphasis).toBe(1);
  });

  it('counts "!!!" and "?!" as emphasis', () => {
    expect(analyseLexically('Encore fermé !!!').emphasis).toBe(1);
    expect(analyseLexically('Encore fermé ?!').emphasis).toBe(1);
    expect(analyseLexically('Encore fermé !').emphasis).toBe(0);
  });

  it('reads the end of a text longer than it reads in full', () => {
    const filler = "J'ai déposé le dossier au guichet le lundi matin. ".repeat(200);
    const a = analyseLexically(`${filler} Au final je suis très reconnaissante, merci infiniment.`);
    expect(a.positive).toBeGreaterThan(0);
    expect(a.words).toBeLessThan(1000);
  });
});

describe('intensity, contrast, emojis', () => {
  it('strengthens with an intensifier and weakens with a diminisher', () => {
    expect(net('très bien')).toBeGreaterThan(net('bien'));
    expect(net('un peu long')).toBeGreaterThan(net('long'));
    expect(net('un peu long')).toBeLessThan(0);
  });

  it('gives more weight to the clause after "mais"', () => {
    expect(sentiment('Le chauffeur est gentil mais le bus est toujours en retard')).toBe('negative');
    expect(net('Le bus était en retard mais le chauffeur est adorable')).toBeGreaterThan(0);
  });

  it('discounts the concessive clause, not the main clause before "malgré"', () => {
    const weightOf = (text: string, source: string) =>
      analyseLexically(text).evidence.find((e) => e.source === source)?.value;
    expect(weightOf("Tout s'est bien passé malgré une longue attente.", 'bien')).toBe(
      weightOf('Tout s’est bien passé.', 'bien'),
    );
    expect(net("Tout s'est bien passé malgré une longue attente.")).toBeGreaterThan(0);
    expect(net("Malgré une longue attente, tout s'est bien passé.")).toBeGreaterThan(0);
  });

  it('reads emojis', () => {
    expect(sentiment('😡')).toBe('negative');
    expect(sentiment('👍')).toBe('positive');
    // An emoji is not inside the negation of the words before it.
    expect(net("la navette n'est jamais à l'heure 😤")).toBeLessThan(0);
  });
});

describe('sarcasm', () => {
  it.each([
    'Bravo… 3 mois pour un papier 👏',
    'Super, encore fermé',
    'Génial, la navette tombe en panne 🙄',
    'Le « service rapide » m’a fait attendre deux heures',
  ])('%s is negative', (text) => {
    expect(analyseLexically(text).sarcasm).toBe(true);
    expect(sentiment(text)).toBe('negative');
  });

  it('keeps mocked praise and courtesy away from the word models', () => {
    const a = analyseLexically(
      "Génial, le seul jour où j'ai besoin de la tondeuse, elle est en panne. Merci bien.",
    );
    expect(a.sarcasm).toBe(true);
    expect(a.tokens).toEqual(expect.arrayContaining(['IRONIC_genial', 'COURTESY_merc', 'COURTESY_bien']));
    expect(a.tokens).not.toContain('genial');
    expect(
      sentiment("Génial, le seul jour où j'ai besoin de la tondeuse, elle est en panne. Merci bien."),
    ).toBe('negative');
  });

  it('reads 🙃 or 🙄 after praise as mockery even without a complaint word', () => {
    expect(analyseLexically('repair cafe top... pour un samedi entier 🙃').sarcasm).toBe(true);
    expect(analyseLexically('Bravo pour la fête 👏').sarcasm).toBe(false);
  });

  it('does not take a time of day or a quick delivery for a complaint to mock', () => {
    expect(analyseLexically("Parfait, c'est noté pour jeudi 9h.").sarcasm).toBe(false);
    expect(analyseLexically('merci, je passe prendre la perceuse a 17h').sarcasm).toBe(false);
    const quick = 'Bravo au service état civil, acte de naissance reçu par courrier en quarante-huit heures.';
    expect(analyseLexically(quick).sarcasm).toBe(false);
    expect(sentiment(quick)).toBe('positive');
    expect(analyseLexically('Bravo, trois mois pour un papier.').sarcasm).toBe(true);
  });

  it('leaves sincere praise alone', () => {
    for (const text of [
      "Bravo à toute l'équipe 👏",
      'Super, merci pour votre aide !',
      'Génial, le bus est à l’heure',
    ]) {
      expect(analyseLexically(text).sarcasm, text).toBe(false);
      expect(sentiment(text), text).toBe('positive');
    }
  });
});

describe('Réunion Creole', () => {
  it.each<[string, Sentiment]>([
    ['lé pa bon sa', 'negative'],
    ['mi lé kontan, mersi zot', 'positive'],
    ['zot i réponn pa', 'negative'],
  ])('%s → %s', (text, expected) => {
    expect(sentiment(text)).toBe(expected);
  });
});

describe('sentimentScore', () => {
  it('returns probabilities that sum to 1 and a score in [−1, 1]', () => {
    for (const text of [
      'Très bon accueil',
      'Le bus est passé à 8h.',
      'Nul, nul, nul !!!',
      NARRATIVES[0]!.text,
    ]) {
      const s = sentimentScore(text);
      const sum = s.probabilities.negative + s.probabilities.neutral + s.probabilities.positive;
      expect(sum).toBeCloseTo(1, 9);
      expect(s.score).toBeGreaterThanOrEqual(-1);
      expect(s.score).toBeLessThanOrEqual(1);
      expect(s.confidence).toBe(s.probabilities[s.label]);
    }
  });

  it('calls a plain fact neutral', () => {
    expect(sentiment('Le bus est passé à 8h.')).toBe('neutral');
  });
});

describe('bad input', () => {
  it.each([
    ['empty', ''],
    ['whitespace', '  \n\t '],
    ['binary garbage', '\u0000\u0001\u0002\uFFFD\u0007\u001b[31m'],
  ])('%s is neutral', (_name, text) => {
    expect(sentiment(text)).toBe('neutral');
  });

  it('never throws', () => {
    const inputs: unknown[] = [
      '🙏',
      '👍👍👍',
      '🚌🚌',
      'x'.repeat(10_000),
      'Le bus est en retard. '.repeat(500),
      'The bus is always late and nobody answers',
      '¿Dónde está la parada?',
      '"«»…!?;:,()',
      undefined,
      null,
      42,
    ];
    for (const input of inputs) {
      expect(() => sentimentScore(input as string)).not.toThrow();
    }
    expect(sentiment(undefined as unknown as string)).toBe('neutral');
  });
});

describe('evaluation helpers', () => {
  it('scores predictions with a confusion matrix and per-class precision/recall', () => {
    const r = scoreSentiment([
      { expected: 'positive', predicted: 'positive' },
      { expected: 'positive', predicted: 'neutral' },
      { expected: 'negative', predicted: 'negative' },
      { expected: 'neutral', predicted: 'negative' },
    ]);
    expect(r.accuracy).toBe(0.5);
    expect(r.confusion.positive).toEqual({ negative: 0, neutral: 1, positive: 1 });
    expect(r.perClass.negative.precision).toBe(0.5);
    expect(r.perClass.negative.recall).toBe(1);
    expect(r.perClass.positive.recall).toBe(0.5);
    expect(r.perClass.neutral.f1).toBe(0);
  });

  it('maps the ratings of the evaluation file', () => {
    expect(ratingToSentiment('Positif')).toBe('positive');
    expect(ratingToSentiment('Neutre')).toBe('neutral');
    expect(ratingToSentiment('Négatif')).toBe('negative');
    expect(ratingToSentiment('?')).toBeUndefined();
  });

  it('labels synthetic accounts by the documented rule', () => {
    const f = (positive: number, negative: number) =>
      combineFeatures([{ tokens: [], positive, negative, patternNet: 0, sarcasm: false, question: false }]);
    const examples = [
      { features: f(2, 0), label: 'positive' as const },
      { features: f(0, 2), label: 'negative' as const },
      { features: f(0, 0), label: 'neutral' as const },
    ];
    for (const account of synthesiseAccounts(examples, 50)) {
      const { positive, negative } = account.features;
      const praises = positive / 2;
      const complaints = negative / 2;
      const expected =
        praises - complaints >= 2 || (praises > 0 && complaints === 0)
          ? 'positive'
          : complaints - praises >= 2 || (complaints > 0 && praises === 0)
            ? 'negative'
            : 'neutral';
      expect(account.label).toBe(expected);
    }
  });

  // Regression floors well below what the model reaches (≈ 0.84 in 10-fold CV on messages and accounts,
  // 23/24 on the narratives): they catch a broken pipeline, not a point of accuracy. The targets themselves
  // are measured by the benchmark.
  it('cross-validates far above chance, on messages, on accounts and on longer texts', () => {
    const cv = crossValidateSentiment(5);
    expect(cv.n).toBeGreaterThanOrEqual(1000);
    expect(cv.accuracy).toBeGreaterThan(0.6);
    expect(cv.bySource.messages.n + cv.bySource.accounts.n).toBe(cv.n);
    expect(cv.bySource.accounts.n).toBeGreaterThanOrEqual(450);
    expect(cv.bySource.messages.accuracy).toBeGreaterThan(0.6);
    expect(cv.bySource.accounts.accuracy).toBeGreaterThan(0.6);
    // Two or three held-out accounts of one class told as one: longer than anything trained on.
    expect(cv.longAccounts.n).toBeGreaterThan(100);
    expect(cv.longAccounts.accuracy).toBeGreaterThan(0.6);
  });

  it('loads both the short messages and the long accounts of each class', () => {
    const corpus = loadSentimentCorpus();
    for (const label of ['negative', 'neutral', 'positive'] as const) {
      const accounts = corpus.filter((e) => e.label === label && e.source === 'accounts');
      const messages = corpus.filter((e) => e.label === label && e.source === 'messages');
      expect(accounts.length, label).toBeGreaterThanOrEqual(150);
      expect(messages.length, label).toBeGreaterThanOrEqual(150);
      // From a two-line verdict to a long letter, as real accounts go.
      for (const { text } of accounts) {
        const words = text.split(/\s+/).length;
        expect(words, text).toBeGreaterThanOrEqual(10);
        expect(words, text).toBeLessThanOrEqual(160);
      }
    }
  });

  it('reads hand-written multi-sentence accounts better than chance', () => {
    // Written by another author than the corpus, and not trained on.
    expect(evaluateSentiment(NARRATIVES).accuracy).toBeGreaterThan(0.7);
  });
});
