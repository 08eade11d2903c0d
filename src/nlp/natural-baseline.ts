import './quiet-dotenv.ts';
import natural from 'natural';
import type { LabelledText } from './corpus.ts';

/**
 * natural's BayesClassifier with its French stemmer, as the benchmark's baseline: what Kozé would get by
 * using natural's classifier directly (stems alone, scores that are not probabilities).
 */
export class NaturalBayesBaseline {
  private readonly classifier = new natural.BayesClassifier(natural.PorterStemmerFr);

  static train(examples: readonly LabelledText[]): NaturalBayesBaseline {
    const baseline = new NaturalBayesBaseline();
    for (const example of examples) baseline.classifier.addDocument(example.text, example.label);
    baseline.classifier.train();
    return baseline;
  }

  classify(text: string): string {
    return this.classifier.classify(text);
  }

  /** Size of natural's own serialisation, for the side-by-side report. */
  serialisedSize(): number {
    return JSON.stringify(this.classifier).length;
  }
}
