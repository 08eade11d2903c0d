import type { TurnContext } from 'botbuilder';
import { fr, type MessageKey } from './fr.ts';
import { rcf } from './rcf.ts';

export type { MessageKey };
export type Language = 'fr' | 'rcf';

export const catalogs: Record<Language, Record<MessageKey, string>> = { fr, rcf };

/** Where the resident's language is kept for the duration of a turn. */
export const LANGUAGE_KEY = Symbol('koze.language');

/**
 * Translates a message key for the resident of this turn. `{name}` placeholders are filled from `vars`.
 * Dialogs never hold inline resident-facing strings: they call this.
 */
export type Catalog = (
  context: TurnContext,
  key: MessageKey,
  vars?: Record<string, string | number>,
) => string;

export function languageOf(context: TurnContext): Language {
  return (context.turnState.get(LANGUAGE_KEY) as Language | undefined) ?? 'fr';
}

export function format(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export const t: Catalog = (context, key, vars) => format(catalogs[languageOf(context)][key], vars);
