import type { Activity, CardAction } from 'botbuilder';
import { markdownToHtml } from './html.ts';
import { splitText, TELEGRAM_MAX_TEXT } from './split-text.ts';

/** A button before its value is turned into callback data. */
export type Button = { title: string; value: string } | { title: string; url: string };

/** One Telegram message to send for an outgoing activity. */
export interface TelegramMessage {
  /** Telegram HTML (`parse_mode: 'HTML'`), everything escaped. */
  html: string;
  /** Inline buttons under the message, in rows. */
  buttons?: Button[][];
  /**
   * A reply keyboard with the "share my location" button (and these labels as plain answers): the dialog
   * asked where something is.
   */
  askLocation?: { labels: string[] };
}

const HERO_CARD = 'application/vnd.microsoft.card.hero';
/** Shown when an activity has buttons but no text: Telegram needs some text to hang them on. */
const BUTTONS_ONLY_TEXT = '👇';
/** A row of buttons should fit a phone's width: about this many characters of labels. */
const ROW_BUDGET = 30;
const MAX_PER_ROW = 5;

function toButton(action: CardAction): Button | undefined {
  const title = String(action.title ?? action.value ?? '').trim();
  if (!title) return undefined;
  if (action.type === 'openUrl' && typeof action.value === 'string' && /^https?:\/\//.test(action.value))
    return { title, url: action.value };
  // imBack, postBack, messageBack: pressing it reads as if the resident had typed its value.
  const value = action.type === 'messageBack' ? (action.text ?? action.value) : action.value;
  return { title, value: typeof value === 'string' && value !== '' ? value : title };
}

/** Packs buttons in rows that fit a phone: several short ones side by side, long ones alone. */
export function layoutButtons(buttons: Button[]): Button[][] {
  const rows: Button[][] = [];
  let row: Button[] = [];
  let used = 0;
  for (const button of buttons) {
    const cost = Math.max(button.title.length, 3) + 3;
    if (row.length > 0 && (used + cost > ROW_BUDGET || row.length >= MAX_PER_ROW)) {
      rows.push(row);
      row = [];
      used = 0;
    }
    row.push(button);
    used += cost;
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

/** Whether the dialog asked for a place (dialogs/README.md: `channelData.askLocation`). */
function asksLocation(activity: Partial<Activity>): boolean {
  const data = activity.channelData as { askLocation?: unknown } | undefined;
  return data?.askLocation === true;
}

/**
 * Renders an outgoing message activity for Telegram: its text (and hero cards' text) as escaped HTML cut
 * into messages Telegram accepts, its suggested actions (or card buttons) as inline buttons under the last
 * one — or, when the dialog asks for a location, a reply keyboard with the "share my location" button.
 */
export function renderActivity(activity: Partial<Activity>, max = TELEGRAM_MAX_TEXT): TelegramMessage[] {
  const texts: string[] = [];
  const actions: CardAction[] = [...(activity.suggestedActions?.actions ?? [])];
  if (activity.text?.trim()) texts.push(activity.text.trim());
  for (const attachment of activity.attachments ?? []) {
    if (attachment.contentType !== HERO_CARD) continue;
    const card = (attachment.content ?? {}) as {
      title?: string;
      subtitle?: string;
      text?: string;
      buttons?: CardAction[];
    };
    const cardText = [card.title ? `**${card.title}**` : '', card.subtitle ?? '', card.text ?? '']
      .filter(Boolean)
      .join('\n');
    if (cardText) texts.push(cardText);
    actions.push(...(card.buttons ?? []));
  }
  const buttons = actions.map(toButton).filter((b): b is Button => b !== undefined);
  const source = texts.join('\n\n');
  if (!source && buttons.length === 0 && !asksLocation(activity)) return [];
  const pieces = source ? splitText(source, max) : [BUTTONS_ONLY_TEXT];
  const messages: TelegramMessage[] = pieces.map((piece) => ({ html: markdownToHtml(piece) }));
  const last = messages.at(-1)!;
  if (asksLocation(activity))
    last.askLocation = { labels: buttons.filter((b) => 'value' in b).map((b) => b.title) };
  else if (buttons.length > 0) last.buttons = layoutButtons(buttons);
  return messages;
}
