import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { readCsv } from './eval-data.ts';

/*
 * Held-out resident messages (src/nlp/heldout/, see its README): written apart from the training corpus by a
 * writer who never saw it, never trained on. Cross-validation only shows how the model does on the corpus'
 * own writers; these show how it does on new ones.
 */
export const HELDOUT_DIR = fileURLToPath(new URL('./heldout/', import.meta.url));

export interface HeldoutMessage {
  text: string;
  label: string;
}

export interface HeldoutSet {
  categories: HeldoutMessage[];
  intents: HeldoutMessage[];
}

function read(file: string, column: 'category' | 'intent'): HeldoutMessage[] {
  return readCsv(file).map((row) => ({ text: row.text ?? '', label: row[column] ?? '' }));
}

/** The held-out set, or undefined when its files are missing. */
export function readHeldout(dir = HELDOUT_DIR): HeldoutSet | undefined {
  const categories = path.join(dir, 'categories.csv');
  const intents = path.join(dir, 'intents.csv');
  if (!existsSync(categories) || !existsSync(intents)) return undefined;
  return { categories: read(categories, 'category'), intents: read(intents, 'intent') };
}
