import type { Command } from 'commander';
import { openStorage } from '../storage/open-storage.ts';
import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { migrateDown } from '../storage/migrator.ts';

export function registerMigrateCommand(program: Command) {
  program
    .command('migrate')
    .description('apply pending database migrations (Kozé also does it at start)')
    .option('--down', 'revert the last applied migration instead')
    .action(async (options: { down?: boolean }) => {
      const config = loadConfig();
      const logger = createLogger(config.logLevel, 'stderr');
      // openStorage applies pending migrations: "up" is done once it returns.
      const storage = await openStorage(config, logger);
      try {
        if (options.down) {
          const reverted = await migrateDown(storage.database.db);
          console.log(reverted.length ? `reverted: ${reverted.join(', ')}` : 'nothing to revert');
        } else {
          console.log(`database up to date (${storage.database.engine}: ${storage.database.location})`);
        }
      } finally {
        await storage.close();
      }
    });
}
