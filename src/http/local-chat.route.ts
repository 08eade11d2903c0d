import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { LocalChatAdapter } from '../channels/local/local-chat.adapter.ts';
import type { BotRuntime } from '../bot/build-bot.ts';

export interface LocalChatOptions {
  adapter: LocalChatAdapter;
  bot: BotRuntime;
  /** Secret written in the data directory's lock file: only local users who can read it may chat. Empty: closed. */
  token: () => string;
}

const body = z.object({
  userId: z.string().min(1).max(200),
  id: z.string().min(1).max(200).optional(),
  text: z.string().max(20_000).optional(),
  value: z.unknown().optional(),
  // Files "sent" from the terminal (/photo, /voice…), shaped as botbuilder attachments.
  attachments: z
    .array(
      z.object({
        contentType: z.string().min(1).max(200),
        contentUrl: z.string().max(2_000).optional(),
        name: z.string().max(200).optional(),
      }),
    )
    .max(10)
    .optional(),
});

function sameSecret(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * POST /chat/local: lets `koze chat` talk to the running Kozé when it owns the embedded database
 * (PGlite allows one process only). Not a public API.
 */
export const localChatRoute: FastifyPluginAsync<LocalChatOptions> = async (app, { adapter, bot, token }) => {
  app.post('/chat/local', async (request, reply) => {
    const expected = token();
    if (!expected || !sameSecret(request.headers['x-koze-chat-token'] as string | undefined, expected)) {
      return reply.code(401).send({ error: 'unauthorised' });
    }
    const parsed = body.safeParse(request.body);
    if (!parsed.success)
      return reply.code(400).send({ error: parsed.error.issues[0]?.message ?? 'invalid body' });
    const activities = await adapter.process(parsed.data, bot.logic);
    return { activities };
  });
};
