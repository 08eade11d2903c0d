import { ConfigError } from '../config.ts';
import { DataDirLockedError } from '../storage/data-dir-lock.ts';
import { DatabaseUnreachableError } from '../storage/database.ts';
import { MigrationError } from '../storage/migrator.ts';

/**
 * Turns the errors a person can fix (configuration, a locked data directory, an unreachable database) into
 * one clear line on stderr and an exit code, instead of a stack trace. Anything else is a bug: full trace.
 */
export function exitOnStartupError(error: unknown): never {
  if (error instanceof ConfigError) {
    process.stderr.write(`koze: ${error.message}\n`);
    process.exit(2);
  }
  if (
    error instanceof DataDirLockedError ||
    error instanceof DatabaseUnreachableError ||
    error instanceof MigrationError
  ) {
    process.stderr.write(`koze: ${error.message}\n`);
    process.exit(1);
  }
  if ((error as NodeJS.ErrnoException)?.code === 'EADDRINUSE') {
    process.stderr.write(
      `koze: ${(error as Error).message} — another program uses this port; set PORT to another one.\n`,
    );
    process.exit(1);
  }
  process.stderr.write(`koze: unexpected error\n${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
}
