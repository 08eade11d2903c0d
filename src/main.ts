import { startKoze } from './app.ts';
import { exitOnStartupError } from './cli/startup-errors.ts';
import { loadConfig } from './config.ts';
import { createLogger } from './logger.ts';

/** The composition root: `npm start`. */
async function main() {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const koze = await startKoze(config, logger);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      logger.info(`${signal} received: finishing turns in flight, then stopping`);
      koze.stop().then(
        () => process.exit(0),
        (error) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}

main().catch(exitOnStartupError);
