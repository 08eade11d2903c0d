import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

/*
 * Real citizens' texts, for MEASURING only (see ../shared/eval/README.md beside the checkout): nothing here may feed
 * training, lexicons or the choice of hyper-parameters.
 */
export const EVAL_DIR =
  process.env.KOZE_EVAL_DIR ?? fileURLToPath(new URL('../../../shared/eval/', import.meta.url));

export interface EvalNeed {
  id: string;
  text: string;
  category: string;
}

export interface EvalFeedback {
  id: string;
  text: string;
  /** The author's own feeling, mapped to Kozé's sentiment labels. */
  sentiment: 'negative' | 'neutral' | 'positive';
}

export function readCsv(file: string): Record<string, string>[] {
  return parse(readFileSync(path.resolve(EVAL_DIR, file), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
  }) as Record<string, string>[];
}

export function readEvalNeeds(file = 'real_needs_fr.csv'): EvalNeed[] {
  return readCsv(file).map((row) => ({
    id: row.id ?? '',
    text: row.text ?? '',
    category: row.category ?? '',
  }));
}

/** Maps the rating column of real_feedback_fr.csv (Positif / Neutre / Négatif) to a sentiment. */
export function ratingToSentiment(rating: string): EvalFeedback['sentiment'] | undefined {
  const r = rating.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase();
  if (r.startsWith('pos')) return 'positive';
  if (r.startsWith('neu')) return 'neutral';
  if (r.startsWith('neg')) return 'negative';
  return undefined;
}

export function readEvalFeedback(file = 'real_feedback_fr.csv'): EvalFeedback[] {
  return readCsv(file).map((row) => {
    const sentiment = ratingToSentiment(row.rating ?? '');
    if (!sentiment) throw new Error(`Unknown rating ${JSON.stringify(row.rating)} in ${file}`);
    return { id: row.id ?? '', text: row.text ?? '', sentiment };
  });
}
