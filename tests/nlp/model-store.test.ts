import { beforeAll, describe, expect, it } from 'vitest';
import { NlpAnalyzer } from '../../src/nlp/analyzer.ts';
import { loadCategoryCorpus, loadIntentCorpus, type LabelledText } from '../../src/nlp/corpus.ts';
import {
  loadCurrentModel,
  loadTrainingContributions,
  saveModel,
  trainAndStore,
} from '../../src/nlp/model-store.ts';
import {
  buildCategoryTrainingSet,
  CATEGORY_SETTINGS,
  INTENT_SETTINGS,
  trainNlpModel,
  type TrainOptions,
} from '../../src/nlp/trainer.ts';
import { findCurrentModel, listModels } from '../../src/storage/nlp-model.repository.ts';
import { describeEachEngine } from '../helpers/engines.ts';

/** A small, quick model: storage is what is tested here, not accuracy. */
function firstPerLabel(corpus: LabelledText[], n: number): LabelledText[] {
  const count = new Map<string, number>();
  return corpus.filter((e) => {
    const seen = count.get(e.label) ?? 0;
    count.set(e.label, seen + 1);
    return seen < n;
  });
}

let quick: TrainOptions;
beforeAll(() => {
  quick = {
    categoryCorpus: firstPerLabel(loadCategoryCorpus(), 25),
    intentCorpus: firstPerLabel(loadIntentCorpus(), 15),
    categorySettings: {
      ...CATEGORY_SETTINGS,
      calibrationFolds: 2,
      training: { ...CATEGORY_SETTINGS.training, iterations: 30 },
    },
    intentSettings: {
      ...INTENT_SETTINGS,
      calibrationFolds: 2,
      training: { ...INTENT_SETTINGS.training, iterations: 30 },
    },
  };
});

const TEXTS = [
  "Il n'y a plus de bus le dimanche",
  "Néna in gro problèm d'lo",
  'STOP',
  '',
  'mon loyer a augmenté',
];

describe('buildCategoryTrainingSet', () => {
  const corpus: LabelledText[] = [
    { text: 'Pas de bus le soir', label: 'mobilite', weight: 1 },
    { text: 'Le médecin est loin', label: 'sante', weight: 1 },
  ];

  it('weights admin reviews above resident confirmations, and both above corpus lines', () => {
    const set = buildCategoryTrainingSet(corpus, [
      { text: 'La route est pleine de trous', category: 'mobilite', source: 'resident' },
      { text: 'Plus de pharmacie au village', category: 'sante', source: 'admin' },
    ]);
    const weight = (text: string) => set.find((e) => e.text === text)?.weight;
    expect(weight('Pas de bus le soir')).toBe(1);
    expect(weight('La route est pleine de trous')).toBe(1.5);
    expect(weight('Plus de pharmacie au village')).toBe(3);
  });

  it('lets the admin label win for a repeated text, and skips categories no corpus file defines', () => {
    const set = buildCategoryTrainingSet(corpus, [
      { text: 'pas de BUS le soir !', category: 'sante', source: 'admin' },
      { text: 'Pas de bus le soir', category: 'mobilite', source: 'resident' },
      { text: 'Un truc', category: 'catégorie inventée', source: 'admin' },
    ]);
    expect(set).toHaveLength(2);
    expect(set.find((e) => e.label === 'sante' && e.weight === 3)?.text).toBe('pas de BUS le soir !');
  });
});

describeEachEngine('NLP model store', (getDatabase) => {
  it('stores a model, makes it current and restores identical predictions', async () => {
    const { db } = getDatabase();
    expect(await loadCurrentModel(db)).toBeUndefined();
    const trained = trainNlpModel(quick);
    const first = await saveModel(db, trained.model, trained.metrics);
    expect(first.version).toEqual(expect.any(Number));

    const loaded = await loadCurrentModel(db);
    expect(loaded?.version).toBe(first.version);
    const before = new NlpAnalyzer(first);
    const after = new NlpAnalyzer(loaded!);
    for (const text of TEXTS) expect(after.analyse(text)).toEqual(before.analyse(text));
    expect(after.classify(TEXTS[0]!).modelVersion).toBe(first.version);

    const row = await findCurrentModel(db);
    expect(row?.training_size).toBe(trained.metrics.trainingSize);
    expect(row?.metrics).toMatchObject({ trainingSize: trained.metrics.trainingSize });
    expect((row?.config as { stemmer: string }).stemmer).toBe('natural.PorterStemmerFr');
  });

  it('keeps a single current model, the newest', async () => {
    const { db } = getDatabase();
    const trained = trainNlpModel(quick);
    const second = await saveModel(db, trained.model, trained.metrics);
    const models = await listModels(db);
    expect(models.filter((m) => m.is_current).map((m) => m.version)).toEqual([second.version]);
    expect((await loadCurrentModel(db))?.version).toBe(second.version);
  });

  it('refuses a stored model whose stemmer it does not know', async () => {
    const { db } = getDatabase();
    const current = await findCurrentModel(db);
    const config = { ...current!.config, stemmer: 'natural.LancasterStemmer' };
    await db
      .updateTable('nlp_model')
      .set({ config: JSON.stringify(config) })
      .where('version', '=', current!.version)
      .execute();
    await expect(loadCurrentModel(db)).rejects.toThrow(/stemmer/);
  });

  it('learns from reviewed and resident-confirmed contributions only', async () => {
    const { db } = getDatabase();
    const rows = [
      {
        text: 'reviewed by an admin',
        category: 'sante',
        category_source: 'admin',
        review_status: 'reviewed',
      },
      {
        text: 'model label, reviewed',
        category: 'logement',
        category_source: 'model',
        review_status: 'reviewed',
      },
      {
        text: 'confirmed by the resident',
        category: 'mobilite',
        category_source: 'resident',
        review_status: 'pending',
      },
      { text: 'model label only', category: 'emploi', category_source: 'model', review_status: 'pending' },
      { text: null, category: 'sante', category_source: 'admin', review_status: 'reviewed' },
    ] as const;
    let n = 0;
    for (const row of rows) {
      await db
        .insertInto('contribution')
        .values({ ...row, reference: `B-T${++n}`, kind: 'need', resident_id: null } as never)
        .execute();
    }
    const contributions = await loadTrainingContributions(db);
    expect(contributions).toEqual([
      { text: 'reviewed by an admin', category: 'sante', source: 'admin' },
      { text: 'model label, reviewed', category: 'logement', source: 'admin' },
      { text: 'confirmed by the resident', category: 'mobilite', source: 'resident' },
    ]);

    const { model, metrics } = await trainAndStore(db, quick);
    expect(metrics.contributions).toBe(3);
    expect(metrics.trainingSize).toBe(quick.categoryCorpus!.length + 3);
    expect((await loadCurrentModel(db))?.version).toBe(model.version);
  });
});
