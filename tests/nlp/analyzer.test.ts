import { beforeAll, describe, expect, it } from 'vitest';
import { NlpAnalyzer } from '../../src/nlp/analyzer.ts';
import { DEFAULT_CATEGORIES } from '../../src/nlp/categories.ts';
import { NlpModel, ModelConfigError } from '../../src/nlp/nlp-model.ts';
import { trainNlpModel, type TrainingMetrics } from '../../src/nlp/trainer.ts';

let model: NlpModel;
let metrics: TrainingMetrics;
let analyzer: NlpAnalyzer;

beforeAll(() => {
  ({ model, metrics } = trainNlpModel());
  analyzer = new NlpAnalyzer(model);
});

const MESSAGES = [
  "Il n'y a plus de bus le dimanche pour descendre au marché",
  'ya pa d bus pr monté 🚌',
  "Néna in gro problèm d'lo dann nout kartié",
  'Le médecin ne prend plus de nouveaux patients',
  'Trop de chômage pour les jeunes ici',
  'Il faudrait organiser une fête de quartier',
  'La fibre c pour qd ??',
  'mon loyer a encore augmenté',
];

describe('categories', () => {
  it('knows the default categories', () => {
    expect([...model.categories].sort()).toEqual([...DEFAULT_CATEGORIES].sort());
  });

  it('reads French, SMS and Creole messages', () => {
    expect(analyzer.classify(MESSAGES[0]!).category).toBe('mobilite');
    expect(analyzer.classify(MESSAGES[1]!).category).toBe('mobilite');
    expect(analyzer.classify(MESSAGES[2]!).category).toBe('environnement');
    expect(analyzer.classify(MESSAGES[3]!).category).toBe('sante');
    expect(analyzer.classify(MESSAGES[6]!).category).toBe('numerique');
    expect(analyzer.classify(MESSAGES[7]!).category).toBe('logement');
  });

  it('gives calibrated probabilities: in [0, 1], summing to 1 over all categories, ranked', () => {
    for (const text of MESSAGES) {
      const { ranked } = model.category.predict(text);
      expect(ranked).toHaveLength(model.categories.length);
      expect(ranked.reduce((a, r) => a + r.confidence, 0)).toBeCloseTo(1, 6);
      for (const r of ranked) expect(r.confidence >= 0 && r.confidence <= 1).toBe(true);

      const c = analyzer.classify(text);
      expect(c.category).toBe(ranked[0]!.category);
      expect(c.confidence).toBe(ranked[0]!.confidence);
      expect(c.alternatives).toEqual(ranked.slice(1, 4));
      expect(c.confidence + c.alternatives.reduce((a, r) => a + r.confidence, 0)).toBeLessThanOrEqual(
        1 + 1e-9,
      );
      expect(c.modelVersion).toBeNull();
    }
  });

  it('fits a temperature and chooses the unsure threshold by cross-validation', () => {
    const config = model.category.config;
    expect(config.temperature).toBeGreaterThan(0);
    expect(config.temperature).not.toBe(1);
    expect(metrics.category.unsureThreshold).toBeCloseTo(config.unsureThreshold, 3);
    expect(config.unsureThreshold).toBeGreaterThanOrEqual(0.3);
    expect(config.unsureThreshold).toBeLessThan(1);
    // Above the threshold, cross-validated predictions reached the target precision.
    expect(metrics.category.acceptedPrecision).toBeGreaterThanOrEqual(config.targetPrecision - 1e-3);
  });

  it('flags exactly the predictions below the threshold as unsure', () => {
    const threshold = model.category.config.unsureThreshold;
    const texts = [...MESSAGES, 'bof', 'des trucs', 'la vie', 'je sais pas trop', 'ça serait bien'];
    let unsure = 0;
    for (const text of texts) {
      const c = analyzer.classify(text);
      expect(c.unsure).toBe(c.confidence < threshold);
      if (c.unsure) unsure++;
    }
    // Both sides of the threshold occur: vague messages go to review, clear ones do not.
    expect(unsure).toBeGreaterThan(0);
    expect(analyzer.classify(MESSAGES[0]!).unsure).toBe(false);
  });
});

describe('bad input', () => {
  // Each with the language that must be reported: honestly, not French by default.
  const bad: Record<string, [string, string]> = {
    empty: ['', 'unknown'],
    whitespace: [' \n\t  ', 'unknown'],
    'emoji-only': ['🚌🚌😡🙏🏽', 'unknown'],
    '10,000 characters': ['Le bus ne passe plus. '.repeat(455), 'fr'],
    'binary garbage': [
      '\u0000\u0001\u0002\uFFFD\uFFFD\u0003ÿØÿà\u0000\u0010JFIF\u0000\u0001%%$#@!^&*()',
      'unknown',
    ],
    English: ['The bus never comes and the road is full of holes, please fix it', 'other'],
    Spanish: ['Necesitamos más médicos en el pueblo, la espera es demasiado larga', 'other'],
  };
  for (const [name, [text, language]] of Object.entries(bad)) {
    it(`${name}: low-confidence fallback category, unsure, no exception`, () => {
      const a = analyzer.analyse(text);
      expect(a.category).toBe('autre');
      expect(a.unsure).toBe(true);
      expect(a.confidence).toBeLessThan(model.category.config.unsureThreshold);
      expect(a.confidence + a.alternatives.reduce((s, r) => s + r.confidence, 0)).toBeLessThanOrEqual(1);
      expect(a.language).toBe(language);
      expect(['negative', 'neutral', 'positive']).toContain(a.sentiment);
      expect(['need', 'idea', 'feedback', 'greeting', 'help', 'menu', 'stop']).toContain(a.intent);
    });
  }

  it('survives values that are not strings', () => {
    expect(analyzer.analyse(undefined as unknown as string).category).toBe('autre');
    expect(analyzer.classify(42 as unknown as string).unsure).toBe(true);
  });
});

describe('intent', () => {
  it('routes commands first, whatever the classifier thinks', () => {
    expect(analyzer.intent('STOP')).toBe('stop');
    expect(analyzer.intent('supprimer mes données')).toBe('stop');
    expect(analyzer.intent('aide')).toBe('help');
    expect(analyzer.intent('menu')).toBe('menu');
    expect(analyzer.intent('bonjour')).toBe('greeting');
  });

  it('tells needs, ideas and feedback apart on clear examples', () => {
    expect(analyzer.intent("Il n'y a pas de médecin dans le quartier")).toBe('need');
    expect(analyzer.intent('Il faudrait organiser une fête de quartier')).toBe('idea');
    expect(analyzer.intent("L'atelier numérique de mardi était vraiment utile, merci")).toBe('feedback');
  });

  it('reads a bare thank-you as politeness and a Creole "I want" as a need', () => {
    expect(analyzer.intent('merci')).toBe('greeting');
    expect(analyzer.intent('merci beaucoup')).toBe('greeting');
    expect(analyzer.intent('mi vé in doktèr dann kartié')).toBe('need');
  });

  it('asks for help when there is nothing to read', () => {
    expect(analyzer.intent('')).toBe('help');
    expect(analyzer.intent('%%%')).toBe('help');
  });
});

describe('model serialisation', () => {
  it('round-trips through JSON with identical predictions', () => {
    const { config, model: weights } = model.serialise();
    const restored = NlpModel.restore(
      JSON.parse(JSON.stringify(config)),
      JSON.parse(JSON.stringify(weights)),
      7,
    );
    const again = new NlpAnalyzer(restored);
    expect(restored.version).toBe(7);
    for (const text of [...MESSAGES, 'STOP', '']) {
      const before = analyzer.analyse(text);
      expect(again.analyse(text)).toEqual({ ...before, modelVersion: 7 });
    }
  });

  it('refuses a model trained with another stemmer, tokenizer or format', () => {
    const { config, model: weights } = model.serialise();
    const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

    const otherStemmer = copy(config);
    otherStemmer.stemmer = 'natural.PorterStemmer';
    expect(() => NlpModel.restore(otherStemmer, weights)).toThrow(ModelConfigError);

    // Even when both copies of the config say so: the classifier itself checks its stemmer.
    const bothStemmers = copy(weights);
    bothStemmers.category.config.stemmer = 'natural.PorterStemmer';
    const bothConfig = copy(config);
    bothConfig.category.stemmer = 'natural.PorterStemmer';
    expect(() => NlpModel.restore(bothConfig, bothStemmers)).toThrow(/stemmer/);

    const otherTokenizer = copy(config);
    otherTokenizer.tokenizer = 'natural.AggressiveTokenizerFr';
    expect(() => NlpModel.restore(otherTokenizer, weights)).toThrow(ModelConfigError);

    const future = copy(config);
    future.formatVersion = 99;
    expect(() => NlpModel.restore(future, weights)).toThrow(ModelConfigError);

    const mismatch = copy(config);
    mismatch.category.temperature = 1.2345;
    expect(() => NlpModel.restore(mismatch, weights)).toThrow(/does not match/);

    const truncated = copy(weights);
    truncated.category.weights = truncated.category.weights.slice(0, 100);
    expect(() => NlpModel.restore(config, truncated)).toThrow(ModelConfigError);

    expect(() => NlpModel.restore(null, null)).toThrow(ModelConfigError);
  });
});
