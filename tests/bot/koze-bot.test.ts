import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConversationState, UserState, type TurnContext } from 'botbuilder';
import { TextPrompt, WaterfallDialog, ComponentDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { KozeBot } from '../../src/bot/koze-bot.ts';
import { DedupeMiddleware } from '../../src/bot/dedupe.middleware.ts';
import { SerialTurnsMiddleware } from '../../src/bot/serial-turns.middleware.ts';
import { createTurnErrorHandler } from '../../src/bot/turn-error.ts';
import { LocalChatAdapter, type LocalMessage } from '../../src/channels/local/local-chat.adapter.ts';
import { PostgresStorage } from '../../src/storage/bot-state.storage.ts';
import { openPglite, type DatabaseHandle } from '../../src/storage/database.ts';
import { migrateToLatest } from '../../src/storage/migrator.ts';
import { describeEachEngine } from '../helpers/engines.ts';

/** A three-question dialog, independent of Kozé's real conversations, to test the engine itself. */
class SurveyDialog extends ComponentDialog {
  constructor() {
    super('survey');
    this.addDialog(new TextPrompt('text'));
    this.addDialog(
      new WaterfallDialog('steps', [
        (step: WaterfallStepContext) => step.prompt('text', 'Q1: quel quartier ?'),
        (step: WaterfallStepContext) => {
          (step.values as Record<string, unknown>).q1 = step.result;
          return step.prompt('text', 'Q2: quel besoin ?');
        },
        async (step: WaterfallStepContext) => {
          if (step.result === 'boom') throw new Error('boom');
          await step.context.sendActivity(
            `Noté : ${(step.values as Record<string, string>).q1} / ${step.result}`,
          );
          return step.endDialog();
        },
      ]),
    );
    this.initialDialogId = 'steps';
  }
}

const silent = pino({ level: 'silent' });

function chat(database: DatabaseHandle) {
  const storage = new PostgresStorage(database.db);
  const conversationState = new ConversationState(storage);
  const bot = new KozeBot({
    conversationState,
    userState: new UserState(storage),
    dialog: new SurveyDialog(),
  });
  const serial = new SerialTurnsMiddleware();
  const adapter = new LocalChatAdapter().use(serial).use(new DedupeMiddleware(database.db));
  adapter.onTurnError = createTurnErrorHandler(silent, conversationState);
  const say = async (message: LocalMessage) =>
    (await adapter.process(message, (context: TurnContext) => bot.run(context))).map((a) => a.text);
  return { say, serial };
}

describeEachEngine('KozeBot', (getDatabase) => {
  it('resumes a multi-turn dialog with a bot rebuilt from the database (as after a restart)', async () => {
    expect(await chat(getDatabase()).say({ userId: 'r1', text: 'salut' })).toEqual(['Q1: quel quartier ?']);
    expect(await chat(getDatabase()).say({ userId: 'r1', text: 'Bellevue' })).toEqual(['Q2: quel besoin ?']);
    expect(await chat(getDatabase()).say({ userId: 'r1', text: 'un abribus' })).toEqual([
      'Noté : Bellevue / un abribus',
    ]);
  });

  it('processes a redelivered message once', async () => {
    const { say } = chat(getDatabase());
    expect(await say({ userId: 'r2', id: 'm-1', text: 'salut' })).toEqual(['Q1: quel quartier ?']);
    expect(await say({ userId: 'r2', id: 'm-2', text: 'La Paix' })).toEqual(['Q2: quel besoin ?']);
    expect(await say({ userId: 'r2', id: 'm-2', text: 'La Paix' })).toEqual([]);
    expect(await say({ userId: 'r2', id: 'm-3', text: 'des trottoirs' })).toEqual([
      'Noté : La Paix / des trottoirs',
    ]);
  });

  it('runs the turns of one conversation in order, even when they arrive together', async () => {
    const { say } = chat(getDatabase());
    const replies = await Promise.all([
      say({ userId: 'r3', text: 'salut' }),
      say({ userId: 'r3', text: 'Paniandy' }),
      say({ userId: 'r3', text: 'un terrain de foot' }),
    ]);
    expect(replies).toEqual([
      ['Q1: quel quartier ?'],
      ['Q2: quel besoin ?'],
      ['Noté : Paniandy / un terrain de foot'],
    ]);
  });

  it('apologises in French on an internal error and starts the conversation afresh', async () => {
    const { say } = chat(getDatabase());
    await say({ userId: 'r4', text: 'salut' });
    await say({ userId: 'r4', text: 'Bellevue' });
    const [apology] = await say({ userId: 'r4', text: 'boom' });
    expect(apology).toMatch(/^Désolé, un souci technique/);
    expect(await say({ userId: 'r4', text: 'salut' })).toEqual(['Q1: quel quartier ?']);
  });
});

describe('KozeBot on an embedded data directory', () => {
  it('resumes after the database is closed and reopened', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'koze-bot-'));
    const open = async () => {
      const database = openPglite(dir);
      await migrateToLatest(database.db);
      return database;
    };
    let database = await open();
    await chat(database).say({ userId: 'r5', text: 'salut' });
    await chat(database).say({ userId: 'r5', text: 'Centre-ville' });
    await database.close();
    database = await open();
    expect(await chat(database).say({ userId: 'r5', text: 'un médecin' })).toEqual([
      'Noté : Centre-ville / un médecin',
    ]);
    await database.close();
  });
});
