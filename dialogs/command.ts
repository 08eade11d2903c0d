import type { Command } from '../src/nlp/commands.ts';

export type { Command };

/**
 * Recognises the words that work at any step (aide, menu, annuler, STOP, SUPPRIMER…): `detectCommand` of
 * src/nlp/commands.ts, passed to the dialogs as a function.
 */
export type CommandDetector = (text: string) => Command | null;
