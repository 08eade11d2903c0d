import type { TurnContext } from 'botbuilder';
import type { Resident } from '../src/residents/resident.ts';
import { LANGUAGE_KEY, type Language } from './catalog/catalog.ts';
import type { Input } from './input.ts';

/*
 * What the dialogs know about the turn in progress, kept in `context.turnState`: read once by the root
 * dialog at the start of the turn, shared by every dialog it runs.
 */

const RESIDENT = Symbol('koze.resident');
const INPUT = Symbol('koze.input');
const SESSION = Symbol('koze.session');
const GAVE_UP = Symbol('koze.gaveUp');

/**
 * Set when the conversation must leave no trace (consent refused, resident erased): the bot deletes the
 * conversation and user state at the end of the turn instead of saving them.
 */
export const FORGET_CONVERSATION = Symbol('koze.forgetConversation');

/** The root dialog's own state, persisted between turns: what is known before a resident exists. */
export interface Session {
  /** The language chosen during the first contact, before consent creates the resident. */
  language?: Language;
  /** When the previous message arrived (ms since epoch), to drop a dialog left hanging for days. */
  lastTurnAt?: number;
}

export function currentResident(context: TurnContext): Resident | undefined {
  return context.turnState.get(RESIDENT) as Resident | undefined;
}

export function setCurrentResident(context: TurnContext, resident: Resident | undefined): void {
  context.turnState.set(RESIDENT, resident);
  if (resident) context.turnState.set(LANGUAGE_KEY, resident.language);
}

export function requireResident(context: TurnContext): Resident {
  const resident = currentResident(context);
  if (!resident) throw new Error('No consented resident in this turn');
  return resident;
}

export function currentInput(context: TurnContext): Input {
  const input = context.turnState.get(INPUT) as Input | undefined;
  if (!input) throw new Error('The root dialog did not read this turn’s input');
  return input;
}

export function setCurrentInput(context: TurnContext, input: Input): void {
  context.turnState.set(INPUT, input);
}

export function currentSession(context: TurnContext): Session {
  let session = context.turnState.get(SESSION) as Session | undefined;
  if (!session) context.turnState.set(SESSION, (session = {}));
  return session;
}

export function setCurrentSession(context: TurnContext, session: Session): void {
  context.turnState.set(SESSION, session);
}

export function setLanguage(context: TurnContext, language: Language): void {
  context.turnState.set(LANGUAGE_KEY, language);
  currentSession(context).language = language;
}

/** A prompt got nothing usable three times: the root dialog takes the resident back to the menu. */
export function markGaveUp(context: TurnContext): void {
  context.turnState.set(GAVE_UP, true);
}

export function takeGaveUp(context: TurnContext): boolean {
  const gaveUp = context.turnState.get(GAVE_UP) === true;
  context.turnState.delete(GAVE_UP);
  return gaveUp;
}

export function forgetConversation(context: TurnContext): void {
  context.turnState.set(FORGET_CONVERSATION, true);
}
