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
  /** Residents' feedback on tested services, labelled with the writer's own feeling. */
  sentiment: HeldoutMessage[];
}

function read(file: string, column: 'category' | 'intent' | 'sentiment'): HeldoutMessage[] {
  return readCsv(file).map((row) => ({ text: row.text ?? '', label: row[column] ?? '' }));
}

/** The held-out set, or undefined when its files are missing. */
export function readHeldout(dir = HELDOUT_DIR): HeldoutSet | undefined {
  const files = ['categories.csv', 'intents.csv', 'sentiment.csv'].map((file) => path.join(dir, file));
  if (!files.every((file) => existsSync(file))) return undefined;
  const [categories, intents, sentiment] = files as [string, string, string];
  return {
    categories: read(categories, 'category'),
    intents: read(intents, 'intent'),
    sentiment: read(sentiment, 'sentiment'),
  };
}
