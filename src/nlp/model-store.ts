import type { Db } from '../storage/database.ts';
import { findCurrentModel, insertModel, listTrainingContributions } from '../storage/nlp-model.repository.ts';
import { NlpModel } from './nlp-model.ts';
import { trainInWorker } from './train-in-worker.ts';
import type { TrainingContribution, TrainingMetrics, TrainOptions } from './trainer.ts';

/** Contributions a person labelled: an admin's review counts as `admin`, a resident's confirmation as `resident`. */
export async function loadTrainingContributions(db: Db): Promise<TrainingContribution[]> {
  const rows = await listTrainingContributions(db);
  return rows.map((row) => ({
    text: row.text,
    category: row.category,
    source: row.review_status === 'reviewed' ? 'admin' : 'resident',
  }));
}

/** Stores a trained model; with `makeCurrent` it becomes the one Kozé loads at start. */
export async function saveModel(
  db: Db,
  model: NlpModel,
  metrics: TrainingMetrics,
  options: { makeCurrent: boolean } = { makeCurrent: true },
): Promise<NlpModel> {
  const { config, model: weights } = model.serialise();
  const version = await insertModel(
    db,
    {
      config: config as unknown as Record<string, unknown>,
      model: weights as unknown as Record<string, unknown>,
      metrics: metrics as unknown as Record<string, unknown>,
      trainingSize: metrics.trainingSize,
    },
    options,
  );
  return model.withVersion(version);
}

/** The current stored model, or undefined when none was trained yet. Throws ModelConfigError for a model this code cannot read. */
export async function loadCurrentModel(db: Db): Promise<NlpModel | undefined> {
  const row = await findCurrentModel(db);
  if (!row) return undefined;
  return NlpModel.restore(row.config, row.model, row.version);
}

/** Retrains from the corpus plus every labelled contribution, stores the result and makes it current. */
export async function trainAndStore(
  db: Db,
  options: Omit<TrainOptions, 'contributions'> = {},
): Promise<{ model: NlpModel; metrics: TrainingMetrics }> {
  const contributions = await loadTrainingContributions(db);
  const trained = await trainInWorker({ ...options, contributions });
  const model = await saveModel(db, trained.model, trained.metrics, { makeCurrent: true });
  return { model, metrics: trained.metrics };
}

/**
 * The model Kozé should use at start: the current stored one, or — before the first `koze nlp train` — one
 * trained in memory from the corpus (a few seconds) and stored, so every contribution has a model version.
 */
export async function loadOrTrainModel(db: Db): Promise<NlpModel> {
  const current = await loadCurrentModel(db);
  if (current) return current;
  return (await trainAndStore(db)).model;
}
