import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from '../logger.ts';
import { healthRoute, type HealthOptions } from './health.route.ts';
import { localChatRoute, type LocalChatOptions } from './local-chat.route.ts';

export interface HttpOptions extends HealthOptions {
  logger: Logger;
  localChat?: LocalChatOptions;
}

/** Kozé's HTTP server: health, the local chat endpoint, and (later) the channels' webhooks and admin API. */
export function buildHttpServer(options: HttpOptions): FastifyInstance {
  // Request-by-request logs are noise for a town hall's server: HTTP logs warnings and errors only.
  const logger = options.logger.child({ component: 'http' }, { level: 'warn' }) as FastifyBaseLogger;
  const app = Fastify({ loggerInstance: logger });
  app.register(healthRoute, {
    database: options.database,
    version: options.version,
    components: options.components,
  });
  if (options.localChat) app.register(localChatRoute, options.localChat);
  return app;
}
