import type { Classification, Intent, MessageAnalysis, TextAnalyzer } from './types.ts';

/**
 * A TextAnalyzer still being loaded (on a first start, the model is trained from the corpus, which takes
 * seconds). Kozé serves HTTP and connects its channels meanwhile; turns wait for `ready` before they run
 * (see buildBot), so nothing reaches the dialogs before the model does.
 */
export class DeferredAnalyzer implements TextAnalyzer {
  private loaded: TextAnalyzer | undefined;
  /** Resolves once the model is loaded; rejects with the loading error. */
  readonly ready: Promise<void>;

  constructor(loading: Promise<TextAnalyzer>) {
    this.ready = loading.then((analyzer) => {
      this.loaded = analyzer;
    });
    // The error is the business of whoever awaits `ready`; an unobserved one must not crash the process.
    this.ready.catch(() => {});
  }

  private get analyzer(): TextAnalyzer {
    if (!this.loaded) throw new Error('The language model is not loaded yet: await `ready` first.');
    return this.loaded;
  }

  analyse(text: string): MessageAnalysis {
    return this.analyzer.analyse(text);
  }

  classify(text: string): Classification {
    return this.analyzer.classify(text);
  }

  intent(text: string): Intent {
    return this.analyzer.intent(text);
  }
}
