import { sql } from 'kysely';
import type { Db } from './database.ts';

/** A stored NLP model row; `config` and `model` are checked by `NlpModel.restore`, not here. */
export interface StoredNlpModel {
  version: number;
  created_at: Date;
  config: Record<string, unknown>;
  model: Record<string, unknown>;
  metrics: Record<string, unknown>;
  training_size: number;
  is_current: boolean;
}

export interface NewNlpModel {
  config: Record<string, unknown>;
  model: Record<string, unknown>;
  metrics: Record<string, unknown>;
  trainingSize: number;
}

/**
 * Stores a trained model and, with `makeCurrent`, makes it the current one in the same transaction (the
 * unique partial index allows a single current row, so the old one is cleared first). Returns its version.
 */
export async function insertModel(
  db: Db,
  model: NewNlpModel,
  options: { makeCurrent: boolean },
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    if (options.makeCurrent) {
      await trx.updateTable('nlp_model').set({ is_current: false }).where('is_current', '=', true).execute();
    }
    const row = await trx
      .insertInto('nlp_model')
      .values({
        config: JSON.stringify(model.config),
        model: JSON.stringify(model.model),
        metrics: sql`${JSON.stringify(model.metrics)}::jsonb`,
        training_size: model.trainingSize,
        is_current: options.makeCurrent,
      })
      .returning('version')
      .executeTakeFirstOrThrow();
    return Number(row.version);
  });
}

/** The model marked current, or undefined before the first `koze nlp train`. */
export async function findCurrentModel(db: Db): Promise<StoredNlpModel | undefined> {
  return db.selectFrom('nlp_model').selectAll().where('is_current', '=', true).executeTakeFirst();
}

/** Makes an existing version the current model (e.g. to roll back); false when it does not exist. */
export async function setCurrentModel(db: Db, version: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const exists = await trx
      .selectFrom('nlp_model')
      .select('version')
      .where('version', '=', version)
      .executeTakeFirst();
    if (!exists) return false;
    await trx.updateTable('nlp_model').set({ is_current: false }).where('is_current', '=', true).execute();
    await trx.updateTable('nlp_model').set({ is_current: true }).where('version', '=', version).execute();
    return true;
  });
}

/** Versions, newest first, without the (large) weights. */
export async function listModels(db: Db) {
  return db
    .selectFrom('nlp_model')
    .select(['version', 'created_at', 'metrics', 'training_size', 'is_current'])
    .orderBy('version', 'desc')
    .execute();
}

/** A labelled contribution that can teach the model. */
export interface TrainingContributionRow {
  text: string;
  category: string;
  category_source: 'model' | 'resident' | 'admin';
  review_status: 'pending' | 'reviewed';
}

/**
 * Contributions whose category a person chose: reviewed by an admin, or confirmed by the resident in the
 * conversation. A category only the model gave, never confirmed, would teach the model its own mistakes.
 */
export async function listTrainingContributions(db: Db): Promise<TrainingContributionRow[]> {
  const rows = await db
    .selectFrom('contribution')
    .select(['text', 'category', 'category_source', 'review_status'])
    .where('text', 'is not', null)
    .where('category', 'is not', null)
    .where((eb) => eb.or([eb('review_status', '=', 'reviewed'), eb('category_source', '=', 'resident')]))
    .orderBy('id')
    .execute();
  return rows as TrainingContributionRow[];
}
