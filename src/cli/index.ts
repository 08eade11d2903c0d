import { Command } from 'commander';
import { VERSION } from '../version.ts';
import { registerChatCommand } from './chat.command.ts';
import { registerMigrateCommand } from './migrate.command.ts';
import { exitOnStartupError } from './startup-errors.ts';

const program = new Command('koze')
  .description('Kozé — the chat-bot of the Living Lab of Bras-Panon')
  .version(VERSION);
registerMigrateCommand(program);
registerChatCommand(program);

program.parseAsync().catch(exitOnStartupError);
