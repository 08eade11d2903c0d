import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TurnContext } from 'botbuilder';
import { ChoiceFactory } from 'botbuilder-dialogs';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MediaStore } from '../../../src/channels/whatsapp/media-store.ts';
import { memoryOfferedChoices } from '../../../src/channels/whatsapp/offered-choices.ts';
import { Pacer, type PacingOptions } from '../../../src/channels/whatsapp/pacer.ts';
import { WhatsAppAdapter } from '../../../src/channels/whatsapp/whatsapp.adapter.ts';
import { FakeWhatsAppClient, raw } from './fake-whatsapp-client.ts';

const pacing: PacingOptions = {
  typing: true,
  typingMsPerChar: 15,
  typingMaxMs: 3000,
  minGapMs: 1500,
  proactivePerMinute: 6,
};

function setup(options: PacingOptions = pacing) {
  const client = new FakeWhatsAppClient('ready');
  const adapter = new WhatsAppAdapter({
    connection: { whenReady: async () => client },
    pacer: new Pacer(options),
    media: new MediaStore(mkdtempSync(path.join(tmpdir(), 'koze-wa-media-')), 1024),
    offeredChoices: memoryOfferedChoices(),
    logger: pino({ level: 'silent' }),
  });
  return { client, adapter };
}

const MARIE = '262692123456@c.us';

describe('WhatsApp pacing (fake timers)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('types before each message, for a time proportional to its length, with a minimum gap in the chat', async () => {
    const { client, adapter } = setup();
    const long = 'Merci pour votre message. '.repeat(8).trim(); // 207 characters: typing capped at 3 s
    const t0 = Date.now();
    const turn = adapter.process(client.receive(raw.text(MARIE, 'bonjour')), async (context: TurnContext) => {
      await context.sendActivity('Bonjour !');
      await context.sendActivity(long);
      await context.sendActivity(ChoiceFactory.suggestedAction(['Oui', 'Non'], 'On continue ?'));
    });
    await vi.advanceTimersByTimeAsync(20_000);
    await turn;

    const sent = client.sent.map((s) => ({ text: s.text, at: s.at - t0 }));
    const third = 'On continue ?\n\n*1.* Oui\n*2.* Non';
    expect(sent).toEqual([
      { text: 'Bonjour !', at: 9 * 15 },
      { text: long, at: 9 * 15 + 3000 },
      // 15 ms × 32 characters of typing is shorter than the chat's 1.5 s gap: the gap wins.
      { text: third, at: 9 * 15 + 3000 + 1500 },
    ]);
    // "typing…" shown before every message, in the same chat.
    expect(client.typing.map((t) => t.at - t0)).toEqual([0, 135, 3135]);
    expect(client.typing.every((t) => t.chatId === MARIE)).toBe(true);
  });

  it('spaces the messages Kozé starts on its own across all chats at the proactive rate', async () => {
    const { client, adapter } = setup();
    const t0 = Date.now();
    const chats = ['262692000010@c.us', '262692000011@c.us', '262692000012@c.us'];
    const surveys = chats.map((chat) =>
      adapter.continueConversation(
        { conversation: { id: chat, isGroup: false, conversationType: 'personal', name: '' } },
        (context) => context.sendActivity('Une petite enquête ?').then(() => undefined),
      ),
    );
    await vi.advanceTimersByTimeAsync(60_000);
    await Promise.all(surveys);
    // 6 per minute: one every 10 s, each after its 300 ms of typing.
    expect(client.sent.map((s) => [s.chatId, s.at - t0])).toEqual([
      [chats[0], 300],
      [chats[1], 10_300],
      [chats[2], 20_300],
    ]);
  });

  it('does not hold a resident’s reply behind proactive messages to other chats', async () => {
    const { client, adapter } = setup();
    const t0 = Date.now();
    const surveys = ['262692000020@c.us', '262692000021@c.us', '262692000022@c.us'].map((chat) =>
      adapter.continueConversation(
        { conversation: { id: chat, isGroup: false, conversationType: 'personal', name: '' } },
        (context) => context.sendActivity('Une petite enquête ?').then(() => undefined),
      ),
    );
    const reply = adapter.process(client.receive(raw.text(MARIE, 'aide')), async (context) => {
      await context.sendActivity('Voici l’aide.');
    });
    await vi.advanceTimersByTimeAsync(1_000);
    await reply;
    expect(client.sent.find((s) => s.chatId === MARIE)?.at).toBe(t0 + 13 * 15);
    await vi.advanceTimersByTimeAsync(60_000);
    await Promise.all(surveys);
  });

  it('keeps the gap when a reply and a proactive message go to the same chat at once', async () => {
    const { client, adapter } = setup({ ...pacing, typing: false, typingMsPerChar: 0 });
    const t0 = Date.now();
    const both = [
      adapter.continueConversation(
        { conversation: { id: MARIE, isGroup: false, conversationType: 'personal', name: '' } },
        (c) => c.sendActivity('Nouvelle enquête').then(() => undefined),
      ),
      adapter.process(client.receive(raw.text(MARIE, 'bonjour')), async (c) => {
        await c.sendActivity('Bonjour !');
      }),
    ];
    await vi.advanceTimersByTimeAsync(10_000);
    await Promise.all(both);
    expect(client.sent.map((s) => s.at - t0)).toEqual([0, 1500]);
    expect(client.typing).toEqual([]);
  });
});
