import { parentPort, workerData } from 'node:worker_threads';
import { trainNlpModel, type TrainOptions } from './trainer.ts';

// Runs in a worker thread (see train-in-worker.ts): trains and posts back the serialised model.
const { model, metrics } = trainNlpModel(workerData as TrainOptions);
parentPort!.postMessage({ ...model.serialise(), metrics });
