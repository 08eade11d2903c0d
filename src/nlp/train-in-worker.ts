import { Worker } from 'node:worker_threads';
import { NlpModel } from './nlp-model.ts';
import type { TrainingMetrics, TrainOptions } from './trainer.ts';

// Worker threads do not inherit the TypeScript loader registered in the main thread: register it first.
const BOOTSTRAP = `
(async () => {
  const { register } = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))});
  register();
  await import(${JSON.stringify(new URL('./train-worker.ts', import.meta.url).href)});
})();
`;

/**
 * trainNlpModel in a worker thread: training takes seconds of CPU, during which the main thread keeps
 * answering HTTP (health probes, webhooks) and residents whose turns need no model.
 */
export function trainInWorker(options: TrainOptions): Promise<{ model: NlpModel; metrics: TrainingMetrics }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(BOOTSTRAP, { eval: true, workerData: options });
    worker.once('message', (result: ReturnType<NlpModel['serialise']> & { metrics: TrainingMetrics }) =>
      resolve({ model: NlpModel.restore(result.config, result.model), metrics: result.metrics }),
    );
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`NLP training worker exited with code ${code}`));
    });
  });
}
