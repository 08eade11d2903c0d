import {
  ActivityTypes,
  BotAdapter,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import type {
  Api,
  InlineKeyboardButton,
  Message,
  ReplyKeyboardMarkup,
  SendMessageParams,
  Update,
  User,
} from 'node-telegram-bot-api';
import type { Logger } from '../../logger.ts';
import type { Db } from '../../storage/database.ts';
import type { CallbackValues } from './callback-data.ts';
import { CHANNEL_ID, readUpdate } from './inbound.ts';
import { MessageDropped, type OutboundSender } from './outbound-sender.ts';
import { layoutButtons, renderActivity, type TelegramMessage } from './render.ts';
import {
  claimGroupNotice,
  findKeyboardMessage,
  saveKeyboardMessage,
  setResidentUnreachable,
} from './telegram.repository.ts';
import { groupNotice, SHARE_LOCATION, STALE_BUTTON } from './telegram-messages.ts';
import { proactiveContext } from '../proactive-context.ts';

export interface TelegramAdapterDeps {
  db: Db;
  /** The library's client, for calls that are not paced messages (typing, answers, edits). */
  api: Api;
  sender: OutboundSender;
  callbackValues: CallbackValues;
  logger: Logger;
  /** How often "typing…" is renewed while a turn runs (Telegram shows it for 5 s). */
  typingIntervalMs?: number;
}

type Logic = (context: TurnContext) => Promise<void>;

const TYPING = Symbol('koze.telegram.typing');
/** How long the first message of a turn waits for "typing…" to be acknowledged, at most. */
const TYPING_GRACE_MS = 1_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Kozé on Telegram: turns updates into activities (text, button presses, locations, photos, stickers,
 * voice notes, documents, `/start` deep links, the command menu) and renders the bot's activities as
 * Telegram messages (escaped HTML, long texts split, suggested actions as inline buttons, the location
 * keyboard), sent by the `OutboundSender` within Telegram's limits.
 *
 * It also keeps Telegram tidy: a pressed button's spinner stops at once, buttons disappear once they are no
 * longer relevant (pressed, answered by typing, or replaced by newer ones), a press on an old question is
 * answered with a notice instead of being taken as an answer, and group chats are told once that Kozé
 * works in private messages.
 */
export class TelegramAdapter extends BotAdapter {
  readonly channelId = CHANNEL_ID;
  /** The bot's own identity (getMe), known once the channel has started. */
  me: User | undefined;
  private readonly chains = new Map<string, Promise<void>>();
  private readonly inFlight = new Map<number, Promise<void>>();
  private readonly recent = new Set<number>();
  /** Per chat: the message whose inline buttons are current (null: none). A cache of telegram_chat. */
  private readonly keyboards = new Map<number, number | null>();
  /** Chats showing the "share my location" reply keyboard, to be removed with the next message. */
  private readonly replyKeyboards = new Set<number>();
  /** Chats known to be reachable (unreachable_at cleared) in this process. */
  private readonly reachable = new Set<number>();

  constructor(private readonly deps: TelegramAdapterDeps) {
    super();
  }

  /**
   * Processes one update and resolves when it is done (its turn included). The same update_id delivered
   * again while in flight or recently done is skipped; updates of one chat run one after the other, in
   * arrival order; different chats run in parallel.
   */
  handleUpdate(update: Update, logic: Logic): Promise<void> {
    const id = update.update_id;
    const running = this.inFlight.get(id);
    if (running) return running;
    if (this.recent.has(id)) return Promise.resolve();
    const key = chatKey(update);
    const previous = this.chains.get(key) ?? Promise.resolve();
    const done = previous.then(() => this.process(update, logic));
    const tail = done.catch(() => undefined);
    this.chains.set(key, tail);
    this.inFlight.set(id, tail);
    return done.finally(() => {
      this.inFlight.delete(id);
      this.recent.add(id);
      if (this.recent.size > 10_000) this.recent.delete(this.recent.values().next().value!);
      if (this.chains.get(key) === tail) this.chains.delete(key);
    });
  }

  /** Resolves when every update in flight has been processed. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight.values());
  }

  private async process(update: Update, logic: Logic): Promise<void> {
    const me = this.me;
    if (!me) throw new Error('TelegramAdapter: the bot identity (getMe) is not known yet');
    const inbound = readUpdate(update, me);
    const { db, logger, sender } = this.deps;
    switch (inbound.kind) {
      case 'ignore':
        logger.debug({ update: update.update_id }, `telegram: ignored (${inbound.reason})`);
        return;
      case 'reachability':
        if (inbound.reachable) return this.welcomeBack(inbound.chatId);
        sender.block(inbound.chatId);
        return this.markUnreachable(inbound.chatId);
      case 'group':
        if (await claimGroupNotice(db, inbound.chat.id)) {
          await sender
            .sendMessage({
              chat_id: inbound.chat.id,
              text: groupNotice(me.username ?? 'koze'),
              link_preview_options: { is_disabled: true },
            })
            .catch((error: unknown) =>
              logger.debug({ err: error, chat: inbound.chat.id }, 'telegram: group notice not sent'),
            );
        }
        return;
      case 'message':
        await this.welcomeBack(inbound.chatId);
        await this.retireKeyboard(inbound.chatId);
        return this.runTurn(inbound.chatId, inbound.activity, logic);
      case 'press': {
        const { chatId, query, messageId } = inbound;
        const current = await this.keyboardMessage(chatId);
        const value = await this.deps.callbackValues.decode(query.data);
        const stale =
          value === undefined || messageId === undefined || (current !== undefined && current !== messageId);
        if (stale) {
          await sender.call('answerCallbackQuery', chatId, () =>
            this.deps.api.answerCallbackQuery({ callback_query_id: query.id, text: STALE_BUTTON }),
          );
          const shown = query.message && 'reply_markup' in query.message && query.message.reply_markup;
          if (shown && messageId !== undefined) void this.removeButtons(chatId, messageId);
          return;
        }
        // Stop the spinner on the button now; the answer comes as a message.
        void sender.call('answerCallbackQuery', chatId, () =>
          this.deps.api.answerCallbackQuery({ callback_query_id: query.id }),
        );
        await this.welcomeBack(chatId);
        await this.setKeyboardMessage(chatId, null);
        void this.removeButtons(chatId, messageId);
        return this.runTurn(chatId, { ...inbound.activity, text: value }, logic);
      }
    }
  }

  private async runTurn(chatId: number, activity: Partial<Activity>, logic: Logic): Promise<void> {
    const context = new TurnContext(this, activity);
    const typing = this.startTyping(chatId);
    context.turnState.set(TYPING, typing);
    try {
      await this.runMiddleware(context, logic);
    } finally {
      typing.stop();
    }
  }

  /** "typing…" now, renewed while the turn runs; messages wait for the first one to be sent first. */
  private startTyping(chatId: number) {
    const send = () =>
      this.deps.sender.call('sendChatAction', chatId, () =>
        this.deps.api.sendChatAction({ chat_id: chatId, action: 'typing' }),
      );
    const first = send();
    const timer = setInterval(() => void send(), this.deps.typingIntervalMs ?? 4_500);
    return { first, stop: () => clearInterval(timer) };
  }

  /** The resident wrote: if they had blocked Kozé, they are reachable again. */
  private async welcomeBack(chatId: number): Promise<void> {
    this.deps.sender.unblock(chatId);
    // Once per chat and process; a later block takes the chat out of the set again.
    if (this.reachable.has(chatId)) return;
    await setResidentUnreachable(this.deps.db, String(chatId), false);
    if (this.reachable.size >= 10_000) this.reachable.clear();
    this.reachable.add(chatId);
  }

  /** The resident blocked Kozé (a 403, or Telegram told us). */
  async markUnreachable(chatId: number): Promise<void> {
    this.reachable.delete(chatId);
    await setResidentUnreachable(this.deps.db, String(chatId), true);
  }

  override async sendActivities(
    context: TurnContext,
    activities: Partial<Activity>[],
  ): Promise<ResourceResponse[]> {
    const chatId = Number(context.activity.conversation?.id);
    if (!Number.isSafeInteger(chatId))
      throw new Error(`Not a Telegram chat: ${context.activity.conversation?.id}`);
    const typing = context.turnState.get(TYPING) as { first: Promise<unknown> } | undefined;
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === 'delay') {
        await sleep(typeof activity.value === 'number' ? activity.value : 1_000);
        responses.push({ id: '' });
      } else if (activity.type === ActivityTypes.Typing) {
        await this.deps.sender.call('sendChatAction', chatId, () =>
          this.deps.api.sendChatAction({ chat_id: chatId, action: 'typing' }),
        );
        responses.push({ id: '' });
      } else if (activity.type === ActivityTypes.Message) {
        // "typing…" arriving after the answer would hang over it for 5 s; but a slow Telegram must not hold
        // the answer for long either.
        if (typing) await Promise.race([typing.first, sleep(TYPING_GRACE_MS)]);
        let id = '';
        for (const message of renderActivity(activity)) {
          const sent = await this.send(chatId, message);
          if (sent) id = `${chatId}:${sent.message_id}`;
        }
        responses.push({ id });
      } else {
        // Traces, events, end of conversation: nothing to show on Telegram.
        responses.push({ id: '' });
      }
    }
    return responses;
  }

  private async send(chatId: number, message: TelegramMessage): Promise<Message | undefined> {
    const params: SendMessageParams = {
      chat_id: chatId,
      text: message.html,
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
    };
    if (message.buttons) {
      const rows: InlineKeyboardButton[][] = [];
      for (const row of message.buttons) {
        const buttons: InlineKeyboardButton[] = [];
        for (const button of row) {
          buttons.push(
            'url' in button
              ? { text: button.title, url: button.url }
              : { text: button.title, callback_data: await this.deps.callbackValues.encode(button.value) },
          );
        }
        rows.push(buttons);
      }
      params.reply_markup = { inline_keyboard: rows };
    } else if (message.askLocation) {
      const keyboard: ReplyKeyboardMarkup['keyboard'] = [[{ text: SHARE_LOCATION, request_location: true }]];
      const answers = layoutButtons(
        message.askLocation.labels.map((label) => ({ title: label, value: label })),
      );
      for (const row of answers) keyboard.push(row.map((button) => ({ text: button.title })));
      params.reply_markup = {
        keyboard,
        resize_keyboard: true,
        one_time_keyboard: true,
      };
    } else if (this.replyKeyboards.has(chatId)) {
      params.reply_markup = { remove_keyboard: true };
    }

    let sent: Message;
    try {
      sent = await this.deps.sender.sendMessage(params);
    } catch (error) {
      // A resident who blocked Kozé is not an error of the turn: no apology to send (nor to fail sending).
      if (error instanceof MessageDropped) return undefined;
      throw error;
    }
    if (message.askLocation) this.replyKeyboards.add(chatId);
    else if (!message.buttons) this.replyKeyboards.delete(chatId);
    if (message.buttons) {
      const previous = await this.keyboardMessage(chatId);
      await this.setKeyboardMessage(chatId, sent.message_id);
      if (previous && previous !== sent.message_id) void this.removeButtons(chatId, previous);
    }
    return sent;
  }

  /** Buttons shown in a chat become irrelevant once the resident answers otherwise. */
  private async retireKeyboard(chatId: number): Promise<void> {
    const current = await this.keyboardMessage(chatId);
    if (!current) return;
    await this.setKeyboardMessage(chatId, null);
    void this.removeButtons(chatId, current);
  }

  private removeButtons(chatId: number, messageId: number): Promise<unknown> {
    return this.deps.sender.call('editMessageReplyMarkup', chatId, () =>
      this.deps.api.editMessageReplyMarkup({
        chat_id: chatId,
        message_id: messageId,
        reply_markup: { inline_keyboard: [] },
      }),
    );
  }

  private async keyboardMessage(chatId: number): Promise<number | null | undefined> {
    if (this.keyboards.has(chatId)) return this.keyboards.get(chatId);
    const stored = await findKeyboardMessage(this.deps.db, chatId);
    if (stored !== undefined) this.cacheKeyboard(chatId, stored);
    return stored;
  }

  private async setKeyboardMessage(chatId: number, messageId: number | null): Promise<void> {
    if (this.keyboards.has(chatId) && this.keyboards.get(chatId) === messageId) return;
    await saveKeyboardMessage(this.deps.db, chatId, messageId);
    this.cacheKeyboard(chatId, messageId);
  }

  private cacheKeyboard(chatId: number, messageId: number | null): void {
    this.keyboards.delete(chatId);
    if (this.keyboards.size >= 10_000) this.keyboards.delete(this.keyboards.keys().next().value!);
    this.keyboards.set(chatId, messageId);
  }

  override async updateActivity(_context: TurnContext, activity: Partial<Activity>): Promise<void> {
    const [chatId, messageId] = String(activity.id ?? '')
      .split(':')
      .map(Number);
    if (!chatId || !messageId) throw new Error(`Not a Telegram message id: ${activity.id}`);
    const html = renderActivity({ ...activity, suggestedActions: undefined })[0]?.html;
    if (!html) return;
    await this.deps.sender.call('editMessageText', chatId, () =>
      this.deps.api.editMessageText({
        chat_id: chatId,
        message_id: messageId,
        text: html,
        parse_mode: 'HTML',
      }),
    );
  }

  override async deleteActivity(
    _context: TurnContext,
    reference: Partial<ConversationReference>,
  ): Promise<void> {
    const [chatId, messageId] = String(reference.activityId ?? '')
      .split(':')
      .map(Number);
    if (!chatId || !messageId) throw new Error(`Not a Telegram message id: ${reference.activityId}`);
    await this.deps.sender.call('deleteMessage', chatId, () =>
      this.deps.api.deleteMessage({ chat_id: chatId, message_id: messageId }),
    );
  }

  /** Proactive messages (surveys, news about a need): sent to the chat of the stored reference. */
  override async continueConversation(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    await this.runMiddleware(proactiveContext(this, reference), logic);
  }
}

/** Updates of one chat share a key: they must not overtake one another. */
function chatKey(update: Update): string {
  if ('message' in update) return String(update.message.chat.id);
  if ('callback_query' in update)
    return String(update.callback_query.message?.chat.id ?? update.callback_query.from.id);
  if ('my_chat_member' in update) return String(update.my_chat_member.chat.id);
  return `update:${update.update_id}`;
}
