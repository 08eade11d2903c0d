import { NlpAnalyzer } from './analyzer.ts';
import { corpusModel } from './model-cache.ts';

/** Where the analyser's model came from, for the log. */
export type ModelSource = { kind: 'database'; version: number } | { kind: 'corpus' };

/**
 * An analyser for command-line tools: the current stored model when DATABASE_URL is set and has one,
 * otherwise the model trained from the in-repo corpus (cached on disk). The database is only read.
 */
export async function loadAnalyzer(
  databaseUrl: string | undefined,
  log: (message: string) => void,
): Promise<{ analyzer: NlpAnalyzer; source: ModelSource }> {
  if (databaseUrl) {
    const [{ openPostgres, waitForDatabase }, { loadCurrentModel }] = await Promise.all([
      import('../storage/database.ts'),
      import('./model-store.ts'),
    ]);
    const database = openPostgres(databaseUrl, { max: 1 });
    try {
      await waitForDatabase(database, { timeoutMs: 10_000 });
      const model = await loadCurrentModel(database.db);
      if (model) {
        log(`using stored NLP model version ${model.version}`);
        return { analyzer: new NlpAnalyzer(model), source: { kind: 'database', version: model.version! } };
      }
      log('no current NLP model in the database (run `koze nlp train`): using the corpus model');
    } finally {
      await database.close();
    }
  }
  return { analyzer: new NlpAnalyzer(corpusModel(log)), source: { kind: 'corpus' } };
}
