import type { Activity, CardAction } from 'botbuilder';
import { renderNumberedChoices, type OfferedChoice } from './numbered-choices.ts';

/**
 * WhatsApp accepts very long texts, but a wall of text on a phone goes unread: anything longer is cut into
 * several bubbles at paragraph, then sentence, then word boundaries. Kozé's dialogs keep their bubbles under
 * 600 characters, so this only splits exceptional texts (a resident's data, a long recap).
 */
export const MAX_BUBBLE_CHARS = 1000;

/** What one outgoing activity becomes on WhatsApp. */
export interface RenderedMessage {
  /** The texts to send, in order, one WhatsApp message each. */
  bubbles: string[];
  /** The choices offered, when the activity offers some: the resident's next answer is matched against them. */
  choices: OfferedChoice[] | undefined;
}

const HERO_CARD = 'application/vnd.microsoft.card.hero';

function actionToChoice(action: CardAction): OfferedChoice | undefined {
  const value = typeof action.value === 'string' ? action.value : action.title;
  const title = action.title || value;
  return title && value ? { title, value } : undefined;
}

/** The choices of a suggested-action prompt, or of a hero card's buttons (ListStyle.heroCard). */
export function choicesOf(activity: Partial<Activity>): OfferedChoice[] {
  const actions: CardAction[] = [...(activity.suggestedActions?.actions ?? [])];
  for (const attachment of activity.attachments ?? []) {
    if (attachment.contentType === HERO_CARD)
      actions.push(...((attachment.content?.buttons as CardAction[]) ?? []));
  }
  return actions.map(actionToChoice).filter((c): c is OfferedChoice => c !== undefined);
}

/** Markdown bold and italics as WhatsApp writes them: `*bold*`, `_italic_`. */
export function toWhatsAppMarkup(text: string): string {
  return text.replace(/\*\*(\S(?:.*?\S)?)\*\*/g, '*$1*').replace(/__(\S(?:.*?\S)?)__/g, '_$1_');
}

function hardSplit(
  text: string,
  max: number,
  separator: RegExp,
  join: string,
  next?: (t: string) => string[],
) {
  const parts = text.split(separator).filter((p) => p.length > 0);
  const out: string[] = [];
  let current = '';
  for (const part of parts) {
    const candidate = current ? current + join + part : part;
    if (candidate.length <= max) {
      current = candidate;
      continue;
    }
    if (current) out.push(current);
    if (part.length <= max) current = part;
    else {
      const pieces = next ? next(part) : part.match(new RegExp(`[\\s\\S]{1,${max}}`, 'g'))!;
      out.push(...pieces.slice(0, -1));
      current = pieces.at(-1) ?? '';
    }
  }
  if (current) out.push(current);
  return out;
}

/** Cuts a text into bubbles of at most `max` characters, at the most natural boundary available. */
export function splitIntoBubbles(text: string, max = MAX_BUBBLE_CHARS): string[] {
  const trimmed = text.trim();
  if (trimmed.length <= max) return trimmed ? [trimmed] : [];
  const byWords = (t: string) => hardSplit(t, max, / +/, ' ');
  const bySentences = (t: string) => hardSplit(t, max, /(?<=[.!?…])\s+/, ' ', byWords);
  const byLines = (t: string) => hardSplit(t, max, /\n/, '\n', bySentences);
  return hardSplit(trimmed, max, /\n{2,}/, '\n\n', byLines);
}

/**
 * Renders an outgoing activity as WhatsApp messages: the text, then the choices as a numbered list kept
 * whole in the last bubble, so the question and its answers are read together.
 */
export function renderActivity(activity: Partial<Activity>, max = MAX_BUBBLE_CHARS): RenderedMessage {
  const choices = choicesOf(activity);
  const bubbles = splitIntoBubbles(toWhatsAppMarkup(activity.text ?? ''), max);
  if (choices.length === 0) return { bubbles, choices: undefined };
  const list = renderNumberedChoices(choices);
  const last = bubbles.at(-1);
  if (last !== undefined && last.length + 2 + list.length <= max)
    bubbles[bubbles.length - 1] = `${last}\n\n${list}`;
  else bubbles.push(...splitIntoBubbles(list, max));
  return { bubbles, choices };
}
