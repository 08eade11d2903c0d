import type { Command } from 'commander';
import { openStorage } from '../storage/open-storage.ts';
import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import type { TestedService } from '../services/tested-service.ts';
import { TestedServiceError, TestedServicesService } from '../services/tested-services.service.ts';

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function describe(service: TestedService): string {
  const state = service.active
    ? `active since ${day(service.createdAt)}`
    : `closed on ${day(service.closedAt ?? service.createdAt)}`;
  return `${service.code}\t${service.name}\t${state}${service.description ? `\t${service.description}` : ''}`;
}

/** Runs an action on the catalogue of tested services, with the database open for its duration. */
async function withServices(action: (services: TestedServicesService) => Promise<void>): Promise<void> {
  const config = loadConfig();
  const storage = await openStorage(
    config,
    createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, 'stderr'),
  );
  try {
    await action(new TestedServicesService(storage.database.db));
  } catch (error) {
    if (!(error instanceof TestedServiceError)) throw error;
    process.stderr.write(`koze: ${error.message}\n`);
    process.exitCode = 1;
  } finally {
    await storage.close();
  }
}

/**
 * `koze services add|list|close`: the catalogue of services the Living Lab tests with residents, open to
 * their feedback, until the facilitators' tools manage it.
 */
export function registerServicesCommand(program: Command) {
  const services = program
    .command('services')
    .description('manage the tested services residents can give feedback on');

  services
    .command('add <code> <name>')
    .description('add a tested service, e.g. `koze services add NAVETTE "Navette des Hauts"`')
    .option('-d, --description <text>', 'what the service is, for facilitators')
    .action((code: string, name: string, options: { description?: string }) =>
      withServices(async (catalogue) => {
        const service = await catalogue.add({ code, name, description: options.description ?? null });
        console.log(`added ${service.code}: ${service.name}`);
        console.log(
          `residents reach its feedback with the start code ${service.code} (Telegram: /start avis_${service.code})`,
        );
      }),
    );

  services
    .command('list')
    .description('list the tested services open to feedback')
    .option('-a, --all', 'include closed services')
    .action((options: { all?: boolean }) =>
      withServices(async (catalogue) => {
        const list = await catalogue.list({ all: options.all === true });
        if (list.length === 0)
          console.log(options.all ? 'no tested service yet' : 'no tested service open to feedback');
        for (const service of list) console.log(describe(service));
      }),
    );

  services
    .command('close <code>')
    .description('close a tested service: residents can no longer give feedback on it')
    .action((code: string) =>
      withServices(async (catalogue) => {
        const service = await catalogue.close(code);
        console.log(`closed ${service.code}: ${service.name}`);
      }),
    );
}
