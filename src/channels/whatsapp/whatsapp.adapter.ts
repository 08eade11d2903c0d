import {
  ActivityTypes,
  BotAdapter,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import type { Logger } from '../../logger.ts';
import { toInbound, WHATSAPP_CHANNEL_ID } from './inbound-activity.ts';
import type { MediaStore } from './media-store.ts';
import { matchChoice } from './numbered-choices.ts';
import type { OfferedChoicesStore } from './offered-choices.ts';
import { renderActivity } from './outbound-rendering.ts';
import type { Pacer } from './pacer.ts';
import type { WhatsAppClient, WhatsAppMessage } from './whatsapp-client.ts';
import { proactiveContext } from '../proactive-context.ts';

/** Marks a turn Kozé started on its own (a survey, news): its messages obey the global proactive rate. */
const PROACTIVE = Symbol('koze.whatsapp.proactive');

export interface WhatsAppAdapterDeps {
  /** Gives the client once WhatsApp is ready (a reply waits a little for a reconnection in progress). */
  connection: { whenReady(timeoutMs: number): Promise<WhatsAppClient> };
  pacer: Pacer;
  media: MediaStore;
  offeredChoices: OfferedChoicesStore;
  logger: Logger;
  /** How long a reply waits for WhatsApp to be ready before the turn fails (default 60 s). */
  sendTimeoutMs?: number;
}

/**
 * The WhatsApp channel: whatsapp-web.js messages in, botbuilder activities to the dialogs, WhatsApp messages
 * out — choices as numbered lists, long texts as several bubbles, at a human pace.
 */
export class WhatsAppAdapter extends BotAdapter {
  readonly channelId = WHATSAPP_CHANNEL_ID;
  private readonly log: Logger;

  constructor(private readonly deps: WhatsAppAdapterDeps) {
    super();
    this.log = deps.logger.child({ channel: 'whatsapp' });
  }

  /**
   * Runs one turn for a message received on WhatsApp; returns without a turn for what Kozé ignores. The photo
   * download and the matching of a numbered answer happen inside the turn, after deduplication: a message
   * WhatsApp replays at reconnection is not downloaded twice, and answers are read in order.
   */
  async process(message: WhatsAppMessage, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const inbound = toInbound(message);
    if ('ignored' in inbound) {
      this.log.debug({ message: message.id._serialized }, `ignored: ${inbound.ignored}`);
      return;
    }
    const context = new TurnContext(this, inbound.activity);
    await this.runMiddleware(context, async (turn) => {
      await this.prepare(turn, message);
      await logic(turn);
    });
  }

  private async prepare(context: TurnContext, message: WhatsAppMessage): Promise<void> {
    const activity = context.activity;
    const chatId = activity.conversation.id;
    const attachment = activity.attachments?.[0];
    if (message.type === 'image' && attachment) {
      const saved = await this.deps.media.save(message);
      if ('path' in saved) {
        attachment.contentUrl = saved.path;
        attachment.contentType = saved.contentType;
      } else {
        this.log.warn(
          { message: message.id._serialized },
          `photo not kept (${saved.error}: ${saved.detail})`,
        );
        activity.channelData = { ...activity.channelData, mediaError: saved.error };
      }
    }
    if (message.type === 'chat' && activity.text) {
      const offered = await this.deps.offeredChoices.get(chatId);
      const choice = offered && matchChoice(activity.text, offered);
      if (choice && choice.value !== activity.text) {
        activity.channelData = { ...activity.channelData, originalText: activity.text };
        activity.text = choice.value;
      }
    }
  }

  override async sendActivities(
    context: TurnContext,
    activities: Partial<Activity>[],
  ): Promise<ResourceResponse[]> {
    const chatId = context.activity.conversation?.id;
    if (!chatId) throw new Error('WhatsApp: no chat to send to');
    const proactive = context.turnState.get(PROACTIVE) === true;
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === 'delay') {
        await new Promise((resolve) => setTimeout(resolve, Number(activity.value) || 0));
        responses.push({ id: '' });
        continue;
      }
      if (activity.type !== ActivityTypes.Message) {
        // Typing is shown by the pacer before every message; traces are for developers' emulators.
        responses.push({ id: '' });
        continue;
      }
      const rendered = renderActivity(activity);
      // Remember what this message offers; a message that offers nothing ends the previous offer, so that a
      // "2" written later as a free answer is not taken for a choice.
      if (rendered.choices) await this.deps.offeredChoices.set(chatId, rendered.choices);
      else if (rendered.bubbles.length > 0) await this.deps.offeredChoices.clear(chatId);
      let id = '';
      for (const bubble of rendered.bubbles) id = await this.sendText(chatId, bubble, proactive);
      responses.push({ id });
    }
    return responses;
  }

  private async sendText(chatId: string, text: string, proactive: boolean): Promise<string> {
    const client = await this.deps.connection.whenReady(this.deps.sendTimeoutMs ?? 60_000);
    await this.deps.pacer.beforeSend(chatId, text, {
      proactive,
      showTyping: async () => (await client.getChatById(chatId))?.sendStateTyping(),
    });
    const sent = await client.sendMessage(chatId, text, { linkPreview: false });
    return sent?.id?._serialized ?? '';
  }

  override async updateActivity(): Promise<void> {
    throw new Error('Kozé does not edit WhatsApp messages already sent.');
  }

  override async deleteActivity(): Promise<void> {
    throw new Error('Kozé does not delete WhatsApp messages already sent.');
  }

  /** Runs `logic` in a conversation, outside any inbound message: what it sends is paced as proactive. */
  override async continueConversation(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const context = proactiveContext(this, reference);
    context.turnState.set(PROACTIVE, true);
    await this.runMiddleware(context, logic);
  }
}
