import type { Activity } from 'botbuilder';
import { pino } from 'pino';
import { expect } from 'vitest';
import { buildBot, type BotRuntime } from '../../src/bot/build-bot.ts';
import { LocalChatAdapter, type LocalMessage } from '../../src/channels/local/local-chat.adapter.ts';
import type { DialogSettings } from '../../dialogs/deps.ts';
import { NlpAnalyzer } from '../../src/nlp/analyzer.ts';
import { trainNlpModel } from '../../src/nlp/trainer.ts';
import type { Classification, Intent, MessageAnalysis, TextAnalyzer } from '../../src/nlp/types.ts';
import type { DatabaseHandle } from '../../src/storage/database.ts';

/** What the resident sees of one bubble: its text and its buttons. */
export interface Bubble {
  text: string;
  buttons: string[];
}

let realAnalyzer: NlpAnalyzer | undefined;

/** The real NLP, trained in memory from the in-repo corpus once per test file (a few seconds). */
export function trainedAnalyzer(): NlpAnalyzer {
  realAnalyzer ??= new NlpAnalyzer(trainNlpModel().model);
  return realAnalyzer;
}

/**
 * A predictable analyser for transcripts that test the dialogs, not the model: the intent and the category
 * come from a few words. Classification reports `mobilite` (alternatives `environnement`, `securite`) for
 * "bus", `sante` for "médecin", else `autre`.
 */
export class FakeAnalyzer implements TextAnalyzer {
  calls = 0;

  intent(text: string): Intent {
    this.calls++;
    const t = text.toLowerCase();
    if (/^(bonjour|salut|bjr)\b/.test(t) && t.split(/\s+/).length <= 2) return 'greeting';
    if (/\bidée\b|\bpropose\b/.test(t)) return 'idea';
    if (/\bnavette\b.*\b(super|bien|nul)\b/.test(t)) return 'feedback';
    if (t.split(/\s+/).length >= 3) return 'need';
    return 'help';
  }

  classify(text: string): Classification {
    const t = text.toLowerCase();
    if (/\bbus\b|\btrottoir\b|\broute\b/.test(t)) {
      return {
        category: 'mobilite',
        confidence: 0.8,
        alternatives: [
          { category: 'environnement', confidence: 0.1 },
          { category: 'securite', confidence: 0.05 },
          { category: 'autre', confidence: 0.05 },
        ],
        unsure: false,
        modelVersion: 7,
      };
    }
    if (/médecin|docteur|doktèr/.test(t)) {
      return {
        category: 'sante',
        confidence: 0.9,
        alternatives: [{ category: 'solidarite', confidence: 0.1 }],
        unsure: false,
        modelVersion: 7,
      };
    }
    return {
      category: 'autre',
      confidence: 0.3,
      alternatives: [{ category: 'mobilite', confidence: 0.2 }],
      unsure: true,
      modelVersion: 7,
    };
  }

  analyse(text: string): MessageAnalysis {
    return {
      ...this.classify(text),
      intent: this.intent(text),
      sentiment: /super|bien|merci/i.test(text)
        ? 'positive'
        : /nul|retard|sale/i.test(text)
          ? 'negative'
          : 'neutral',
      language: /\b(mwin|mi|kartié|lé)\b/i.test(text) ? 'rcf' : 'fr',
    };
  }
}

export const silentLogger = pino({ level: 'silent' });

export interface ChatOptions {
  analyzer?: TextAnalyzer | Promise<TextAnalyzer>;
  settings?: Partial<DialogSettings>;
  now?: () => Date;
  logger?: typeof silentLogger;
}

/** The menu's buttons, in French, as a resident sees them. */
export const MENU = [
  'Signaler un besoin',
  'Proposer une idée',
  'Donner mon avis sur un service testé',
  'Mes contributions',
  'Mes données',
  'Aide',
];

/** A resident talking to the real bot through the console channel, over a real database. */
export class Chat {
  readonly bot: BotRuntime;
  readonly adapter: LocalChatAdapter;
  /** Every bubble the bot sent, in order. */
  readonly history: Bubble[] = [];

  constructor(
    readonly database: DatabaseHandle,
    readonly userId: string,
    options: ChatOptions = {},
  ) {
    this.bot = buildBot({
      db: database.db,
      logger: options.logger ?? silentLogger,
      analyzer: options.analyzer ?? new FakeAnalyzer(),
      settings: { quartiers: ['Centre-ville', 'Bellevue', 'Paniandy', 'La Paix'], ...options.settings },
      ...(options.now ? { now: options.now } : {}),
    });
    this.adapter = this.bot.attach(new LocalChatAdapter());
  }

  /** Sends a message (text, or a full local message) and returns the bubbles Kozé answered. */
  async send(message: string | Omit<LocalMessage, 'userId'>): Promise<Bubble[]> {
    const local: LocalMessage =
      typeof message === 'string'
        ? { userId: this.userId, text: message }
        : { userId: this.userId, ...message };
    const activities = await this.adapter.process(local, this.bot.logic);
    const bubbles = activities.map(toBubble);
    for (const bubble of bubbles) {
      // Every bubble must fit a phone screen.
      expect(bubble.text.length, bubble.text).toBeLessThan(600);
    }
    this.history.push(...bubbles);
    return bubbles;
  }

  /** Sends a message and returns the texts only, joined with a blank line (easier to match). */
  async say(message: string | Omit<LocalMessage, 'userId'>): Promise<string> {
    return (await this.send(message)).map((b) => b.text).join('\n\n');
  }

  /** The buttons of the last bubble that had any. */
  lastButtons(): string[] {
    return [...this.history].reverse().find((b) => b.buttons.length > 0)?.buttons ?? [];
  }
}

export function toBubble(activity: Partial<Activity>): Bubble {
  return {
    text: activity.text ?? '',
    buttons: (activity.suggestedActions?.actions ?? []).map((a) => String(a.title ?? a.value)),
  };
}

/** The messages of a consenting resident's first contact, profile skipped. */
export async function onboard(
  chat: Chat,
  options: { language?: 'Français' | 'Kréol réyoné'; quartier?: string } = {},
) {
  await chat.say('bonjour');
  await chat.say(options.language ?? 'Français');
  await chat.say('J’accepte');
  if (options.quartier) {
    await chat.say(options.quartier);
    await chat.say('Passer');
    return chat.say('Passer');
  }
  return chat.say('Plus tard');
}

export const photo = (caption = '') => ({
  text: caption,
  attachments: [{ contentType: 'image/jpeg', contentUrl: 'console-file:abc/photo.jpg', name: 'photo.jpg' }],
});
export const voice = () => ({
  text: '',
  attachments: [{ contentType: 'audio/ogg', contentUrl: 'console-file:v/note.ogg' }],
});
export const sticker = () => ({
  text: '',
  attachments: [{ contentType: 'application/x-sticker', contentUrl: 'console-file:s/st.webp' }],
});
export const file = () => ({
  text: '',
  attachments: [{ contentType: 'application/pdf', contentUrl: 'console-file:f/doc.pdf', name: 'doc.pdf' }],
});
export const location = (latitude = -20.99, longitude = 55.68) => ({
  text: '',
  value: { type: 'location', latitude, longitude },
});
