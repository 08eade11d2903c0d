import type { FastifyPluginAsync } from 'fastify';
import type { DatabaseHandle } from '../storage/database.ts';

export interface HealthOptions {
  database: DatabaseHandle;
  version: string;
  /** The state of each part of Kozé, e.g. { nlp: 'ready', telegram: 'polling' }; reported as they are. */
  components: () => Record<string, string>;
}

/** GET /health: 200 when the database answers, 503 when it does not — for probes and people alike. */
export const healthRoute: FastifyPluginAsync<HealthOptions> = async (
  app,
  { database, version, components },
) => {
  app.get('/health', async (_request, reply) => {
    const up = await database.ping();
    return reply
      .code(up ? 200 : 503)
      .send({ status: up ? 'ok' : 'unavailable', database: database.engine, version, ...components() });
  });
};
