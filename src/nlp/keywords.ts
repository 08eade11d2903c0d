import { readLexicon } from './lexicon-files.ts';
import { stems } from './normalise.ts';

/**
 * Broad topic vocabulary (src/nlp/lexicons/category-keywords.json), matched on stems so that "transports"
 * and "transport" agree. Multi-word entries ("piste cyclable") match consecutive stems.
 */
export class KeywordIndex {
  private readonly phrases = new Map<string, string[]>();
  private maxLength = 1;

  /** Group names (categories or intents), sorted. */
  readonly groups: string[];

  constructor(
    lexicon: Record<string, string[]>,
    private readonly toWords: (text: string) => string[] = stems,
  ) {
    this.groups = Object.keys(lexicon)
      .filter((key) => !key.startsWith('_'))
      .sort();
    for (const category of this.groups) {
      for (const entry of lexicon[category]!) {
        const key = toWords(entry);
        if (key.length === 0) continue;
        this.maxLength = Math.max(this.maxLength, key.length);
        const phrase = key.join(' ');
        const categories = this.phrases.get(phrase) ?? [];
        if (!categories.includes(category)) categories.push(category);
        this.phrases.set(phrase, categories);
      }
    }
  }

  static fromLexicon(file: string, toWords: (text: string) => string[] = stems): KeywordIndex {
    return new KeywordIndex(readLexicon(file) as Record<string, string[]>, toWords);
  }

  /**
   * How many keywords of each group the words contain (the longest phrase wins and its words do not count
   * again). `words` must come from the same `toWords` as the lexicon.
   */
  hits(words: readonly string[]): Map<string, number> {
    const counts = new Map<string, number>();
    for (let i = 0; i < words.length;) {
      let phrase = '';
      let matched: string[] | undefined;
      let length = 1;
      for (let n = 1; n <= this.maxLength && i + n <= words.length; n++) {
        phrase = n === 1 ? words[i]! : `${phrase} ${words[i + n - 1]}`;
        const categories = this.phrases.get(phrase);
        if (categories) {
          matched = categories;
          length = n;
        }
      }
      for (const category of matched ?? []) counts.set(category, (counts.get(category) ?? 0) + 1);
      i += length;
    }
    return counts;
  }
}
