import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { openStorage } from '../storage/open-storage.ts';
import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { NlpAnalyzer } from '../nlp/analyzer.ts';
import { classifyStream } from '../nlp/classify-stream.ts';
import { loadCategoryCorpus, loadIntentCorpus } from '../nlp/corpus.ts';
import { EVAL_DIR, readEvalFeedback, readEvalNeeds } from '../nlp/eval-data.ts';
import { readHeldout } from '../nlp/heldout.ts';
import {
  crossValidateCategories,
  crossValidateIntents,
  evaluateFeedback,
  evaluateHeldout,
  evaluateNeeds,
  formatConfusion,
  formatLatency,
  formatReport,
} from '../nlp/evaluation.ts';
import { loadAnalyzer } from '../nlp/load-analyzer.ts';
import { trainAndStore } from '../nlp/model-store.ts';
import { sentiment } from '../nlp/sentiment.ts';
import { CATEGORY_SETTINGS, INTENT_SETTINGS, trainNlpModel, type TrainingMetrics } from '../nlp/trainer.ts';
import { formatTuning, tuneCategories, tuneIntents, variants } from '../nlp/tuning.ts';

const say = (text = '') => process.stdout.write(`${text}\n`);
const heading = (text: string) => say(`\n## ${text}\n`);

function describeMetrics(metrics: TrainingMetrics): string {
  const cv = (name: string, m: TrainingMetrics['category']) =>
    `${name}: ${m.folds}-fold CV macro-F1 ${m.macroF1.toFixed(3)}, accuracy ${m.accuracy.toFixed(3)}; ` +
    `temperature ${m.temperature.toFixed(3)}, unsure below ${m.unsureThreshold.toFixed(3)} ` +
    `(${(m.unsureRate * 100).toFixed(0)}% to review, ${(m.acceptedPrecision * 100).toFixed(0)}% right above it)`;
  return [
    `training size ${metrics.trainingSize} (of which ${metrics.contributions} contributions considered), ${metrics.durationMs} ms`,
    cv('categories', metrics.category),
    cv('intents', metrics.intent),
  ].join('\n');
}

export function registerNlpCommands(program: Command) {
  const nlp = program.command('nlp').description("Kozé's language model: train, evaluate, classify");

  nlp
    .command('train')
    .description(
      'train on the corpus plus reviewed and confirmed contributions, store it and make it current',
    )
    .action(async () => {
      const config = loadConfig();
      const logger = createLogger(config.logLevel, 'stderr');
      const storage = await openStorage(config, logger);
      try {
        const { model, metrics } = await trainAndStore(storage.database.db);
        say(`NLP model version ${model.version} is now current`);
        say(describeMetrics(metrics));
      } finally {
        await storage.close();
      }
    });

  nlp
    .command('eval')
    .description('cross-validate on the corpus and measure on the real evaluation files (never trained on)')
    .option('--folds <k>', 'folds of the cross-validation', '5')
    .option('--eval-dir <dir>', 'folder of real_needs_fr.csv and real_feedback_fr.csv', EVAL_DIR)
    .action(async (options: { folds: string; evalDir: string }) => {
      const folds = Math.max(2, Number(options.folds) || 5);
      const categoryCorpus = loadCategoryCorpus();
      const intentCorpus = loadIntentCorpus();
      const started = performance.now();
      const { model, metrics } = trainNlpModel({ categoryCorpus, intentCorpus });
      const analyzer = new NlpAnalyzer(model);
      say(
        `# Kozé NLP evaluation — model trained on the corpus in ${Math.round(performance.now() - started)} ms`,
      );
      say(describeMetrics(metrics));

      heading(
        `Categories — ${folds}-fold cross-validation of the corpus (${categoryCorpus.length} messages)`,
      );
      const cv = crossValidateCategories(categoryCorpus, CATEGORY_SETTINGS, folds);
      say(formatReport(cv.report));
      say();
      say(formatConfusion(cv.report));

      heading(`Intents — ${folds}-fold cross-validation of the corpus (${intentCorpus.length} messages)`);
      const intents = crossValidateIntents(intentCorpus, INTENT_SETTINGS, folds);
      say('Routed as in Kozé (commands first, then the classifier):');
      say(formatReport(intents.routed));
      say();
      say(formatConfusion(intents.routed));
      say(`\nClassifier alone: accuracy ${intents.classifierOnly.accuracy.toFixed(3)}`);

      const heldout = readHeldout();
      if (heldout) {
        heading('Held-out resident messages — src/nlp/heldout (written apart, never trained on)');
        const scores = evaluateHeldout(analyzer, heldout, sentiment);
        say('Categories:');
        say(formatReport(scores.categories));
        say();
        say(formatConfusion(scores.categories));
        say('\nIntents (routed as in Kozé):');
        say(formatReport(scores.intents));
        say();
        say(formatConfusion(scores.intents));
        say('\nSentiment of feedback on tested services:');
        say(formatReport(scores.sentiment));
        say();
        say(formatConfusion(scores.sentiment));
      }

      const needsFile = path.join(options.evalDir, 'real_needs_fr.csv');
      if (existsSync(needsFile)) {
        const rows = readEvalNeeds(needsFile);
        heading(`Categories — ${path.basename(needsFile)} (${rows.length} real texts, never trained on)`);
        const needs = evaluateNeeds(analyzer, rows);
        say(formatReport(needs.report));
        say();
        say(formatConfusion(needs.report));
        say(
          `\nunsure: ${(needs.unsureRate * 100).toFixed(1)}% of texts; accuracy of the others ${needs.acceptedPrecision.toFixed(3)}`,
        );
        say(`classification latency: ${formatLatency(needs.latency)}`);
        const guarded = Object.entries(needs.guarded).map(([reason, n]) => `${n} ${reason}`);
        say(`kept from the model by the bad-input guard: ${guarded.length ? guarded.join(', ') : 'none'}`);
      } else {
        say(`\n(${needsFile} not found: real needs not evaluated)`);
      }

      const feedbackFile = path.join(options.evalDir, 'real_feedback_fr.csv');
      if (existsSync(feedbackFile)) {
        const rows = readEvalFeedback(feedbackFile);
        heading(`Sentiment — ${path.basename(feedbackFile)} (${rows.length} real accounts, rating as gold)`);
        const feedback = evaluateFeedback(sentiment, rows);
        say(formatReport(feedback.report));
        say();
        say(formatConfusion(feedback.report));
        say(
          `\n3-class accuracy ${feedback.report.accuracy.toFixed(3)}; latency: ${formatLatency(feedback.latency)}`,
        );
      } else {
        say(`\n(${feedbackFile} not found: real feedback not evaluated)`);
      }
    });

  nlp
    .command('classify')
    .description('read {"id","text"} JSON lines on stdin, write one JSON analysis line per input on stdout')
    .action(async () => {
      const log = (message: string) => process.stderr.write(`[classify] ${message}\n`);
      const { analyzer } = await loadAnalyzer(process.env.DATABASE_URL || undefined, log);
      await classifyStream(process.stdin, process.stdout, analyzer);
    });

  nlp
    .command('tune')
    .description('compare hyper-parameters by cross-validation on the corpus (how the defaults were chosen)')
    .option('--folds <k>', 'folds of the cross-validation', '5')
    .action((options: { folds: string }) => {
      const folds = Math.max(2, Number(options.folds) || 5);
      const categoryCorpus = loadCategoryCorpus();
      heading('Categories (score = mean of short and long macro-F1)');
      say(
        formatTuning(
          tuneCategories(
            categoryCorpus,
            variants(CATEGORY_SETTINGS, {
              default: {},
              'no keyword features': { features: { keywordLexicon: null } },
              'keywords x1': { features: { keywordWeight: 1 } },
              'keywords x2': { features: { keywordWeight: 2 } },
              'word bigrams': { features: { bigrams: true } },
              'char 3-4-grams': { features: { charNgrams: [3, 4] } },
              'no idf': { features: { idf: false } },
              'l2 1e-3': { training: { l2: 1e-3 } },
              'l2 1e-5': { training: { l2: 1e-5 } },
              '100 iterations, lr 0.1': { training: { iterations: 100, learningRate: 0.1 } },
              '60 iterations, lr 0.15': { training: { iterations: 60, learningRate: 0.15 } },
            }),
            folds,
          ),
        ),
      );
      heading('Intents (score = routed accuracy)');
      say(
        formatTuning(
          tuneIntents(
            loadIntentCorpus(),
            variants(INTENT_SETTINGS, {
              default: {},
              'no intent cues': { features: { keywordLexicon: null } },
              'cues x1': { features: { keywordWeight: 1 } },
              'char 3-4-grams': { features: { charNgrams: [3, 4] } },
              'no char n-grams': { features: { charNgrams: [] } },
              'no bigrams': { features: { bigrams: false } },
              'content words only': { features: { tokens: 'content' } },
              'no shape features': { features: { shape: false } },
              'l2 1e-4': { training: { l2: 1e-4 } },
              'l2 3e-5': { training: { l2: 3e-5 } },
              'l2 1e-6': { training: { l2: 1e-6 } },
              '100 iterations, lr 0.1': { training: { iterations: 100, learningRate: 0.1 } },
              '40 iterations, lr 0.2': { training: { iterations: 40, learningRate: 0.2 } },
            }),
            folds,
          ),
        ),
      );
    });
}
