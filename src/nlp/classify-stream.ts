import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { TextAnalyzer } from './types.ts';

/** One output line of the classify contract. */
export type ClassifyOutput =
  | {
      id: unknown;
      category: string;
      confidence: number;
      alternatives: { category: string; confidence: number }[];
      unsure: boolean;
      intent: string;
      sentiment: string;
      language: string;
    }
  | { id: unknown; error: string };

/** Answers one input line of `{"id":…,"text":…}`; never throws. */
export function classifyLine(line: string, analyzer: TextAnalyzer): ClassifyOutput {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch (error) {
    return { id: null, error: `invalid JSON: ${(error as Error).message}` };
  }
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    return { id: null, error: 'expected a JSON object {"id":…,"text":…}' };
  }
  const record = input as Record<string, unknown>;
  const id = record.id ?? null;
  if (typeof record.text !== 'string') return { id, error: '"text" must be a string' };
  try {
    const a = analyzer.analyse(record.text);
    return {
      id,
      category: a.category,
      confidence: a.confidence,
      alternatives: a.alternatives.map(({ category, confidence }) => ({ category, confidence })),
      unsure: a.unsure,
      intent: a.intent,
      sentiment: a.sentiment,
      language: a.language,
    };
  } catch (error) {
    return { id, error: `analysis failed: ${(error as Error).message}` };
  }
}

/**
 * The classify contract: reads JSON lines from `input`, writes exactly one JSON line per non-blank input
 * line to `output`, in order. Returns the number of lines answered.
 */
export async function classifyStream(
  input: Readable,
  output: Writable,
  analyzer: TextAnalyzer,
): Promise<number> {
  let count = 0;
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const ok = output.write(`${JSON.stringify(classifyLine(line, analyzer))}\n`);
    count++;
    if (!ok) await new Promise((resolve) => output.once('drain', resolve));
  }
  return count;
}
