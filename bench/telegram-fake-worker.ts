import { parentPort, workerData } from 'node:worker_threads';
import type { Message } from 'node-telegram-bot-api';
import { FakeBotApi, type FakeUser } from '../tests/channels/telegram/fake-bot-api.ts';

/*
 * The residents' side of the Telegram benchmark, in its own thread: the fake Bot API and the residents'
 * clock do not share an event loop with Kozé, so a reply is timed when it really reaches "Telegram", and the
 * fake's rate limits see requests when they really arrive.
 */

export interface WorkerSettings {
  residents: number;
  firstUserId: number;
  rateLimit?: { global: number; perChat: number; chatBurst: number };
}

export interface RoundTimes {
  name: string;
  firstReply: number[];
  fullReply: number[];
}

export interface WorkerResult {
  rounds: RoundTimes[];
  /** Arrival times (ms) of the messages Telegram accepted, and how many it refused with 429. */
  sentAt: number[];
  tooManyRequests: number;
}

/** A turn is over when a question (buttons or keyboard) arrives, or after this long without a message. */
const QUIET_MS = 2_500;
const TURN_TIMEOUT_MS = 60_000;

const ROUNDS: Array<{ name: string; act: (user: FakeUser) => void }> = [
  { name: '/start (first contact)', act: (u) => void u.say('/start') },
  { name: 'button (language)', act: (u) => pressFirst(u) },
  { name: 'button (consent)', act: (u) => pressFirst(u) },
  {
    name: 'text (a need)',
    act: (u) =>
      void u.say('Il manque un abribus devant l’école de Bellevue, les enfants attendent sous la pluie'),
  },
];

export const ROUND_NAMES = ROUNDS.map((r) => r.name);

function pressFirst(user: FakeUser): void {
  const shown = user.buttons.at(-1);
  if (shown)
    user.pressData(shown.message, shown.message.reply_markup!.inline_keyboard[0]![0]!.callback_data!);
  else user.say('oui');
}

async function main(settings: WorkerSettings) {
  const fake = await FakeBotApi.start(settings.rateLimit ? { rateLimit: settings.rateLimit } : {});
  const users = Array.from({ length: settings.residents }, (_, i) => fake.user(settings.firstUserId + i));
  const waiting = new Map<number, (message: Message) => void>();
  fake.botMessageListeners.add((message) => waiting.get(message.chat.id)?.(message));

  const playRound = async (round: (typeof ROUNDS)[number]): Promise<RoundTimes> => {
    const times: RoundTimes = { name: round.name, firstReply: [], fullReply: [] };
    await Promise.all(
      users.map(
        (user) =>
          new Promise<void>((resolve) => {
            const t0 = performance.now();
            let first: number | undefined;
            let last: number | undefined;
            let quiet: NodeJS.Timeout | undefined;
            const done = () => {
              clearTimeout(quiet);
              clearTimeout(timeout);
              waiting.delete(user.id);
              if (first !== undefined) times.firstReply.push(first);
              if (last !== undefined) times.fullReply.push(last);
              resolve();
            };
            const timeout = setTimeout(done, TURN_TIMEOUT_MS);
            waiting.set(user.id, (message) => {
              const now = performance.now() - t0;
              first ??= now;
              last = now;
              clearTimeout(quiet);
              const markup = fake.sentWith(user.id, message.message_id).replyMarkup;
              if (markup && !('remove_keyboard' in markup)) done();
              else quiet = setTimeout(done, QUIET_MS);
            });
            round.act(user);
          }),
      ),
    );
    return times;
  };

  parentPort!.postMessage({ type: 'ready', apiRoot: fake.apiRoot, token: fake.token });
  parentPort!.once('message', async () => {
    const rounds: RoundTimes[] = [];
    for (const round of ROUNDS) rounds.push(await playRound(round));
    const sends = fake.callsOf('sendMessage');
    const result: WorkerResult = {
      rounds,
      sentAt: sends.filter((c) => c.status === 200).map((c) => c.at),
      tooManyRequests: sends.filter((c) => c.status === 429).length,
    };
    parentPort!.postMessage({ type: 'result', result });
    parentPort!.once('message', async () => {
      await fake.close();
      parentPort!.postMessage({ type: 'closed' });
    });
  });
}

if (parentPort) void main(workerData as WorkerSettings);
