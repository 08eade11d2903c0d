import { Command } from 'commander';
import { VERSION } from '../version.ts';
import { registerChatCommand } from './chat.command.ts';
import { registerMigrateCommand } from './migrate.command.ts';
import { registerNlpCommands } from './nlp.command.ts';
import { registerServicesCommand } from './services.command.ts';
import { registerWhatsAppCommand } from './whatsapp.command.ts';
import { exitOnStartupError } from './startup-errors.ts';

const program = new Command('koze')
  .description('Kozé — the chat-bot of the Living Lab of Bras-Panon')
  .version(VERSION);
registerMigrateCommand(program);
registerChatCommand(program);
registerNlpCommands(program);
registerServicesCommand(program);
registerWhatsAppCommand(program);

program.parseAsync().catch(exitOnStartupError);
