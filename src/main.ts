import { startKoze } from './app.ts';
import { exitOnStartupError } from './cli/startup-errors.ts';
import { loadConfig } from './config.ts';
import { createLogger } from './logger.ts';

/** The composition root: `npm start`. */
async function main() {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const starting = startKoze(config, logger);
  // Signals are handled from the first moment: one arriving during start-up stops Kozé once it is up,
  // instead of killing it half-way through a migration.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      logger.info(`${signal} received: finishing turns in flight, then stopping`);
      starting
        .then((koze) => koze.stop())
        .then(
          () => process.exit(0),
          (error) => {
            logger.error({ err: error }, 'shutdown failed');
            process.exit(1);
          },
        );
    });
  }
  const koze = await starting;
  // Without its language model Kozé cannot answer anyone: stop cleanly and say why.
  await koze.ready.catch(async (error: unknown) => {
    await koze.stop();
    throw error;
  });
}

main().catch(exitOnStartupError);
