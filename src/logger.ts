import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON logs for machines; pretty, coloured lines only when a person watches a terminal. */
export function createLogger(level: string, destination: 'stdout' | 'stderr' = 'stdout'): Logger {
  const fd = destination === 'stdout' ? 1 : 2;
  const tty = destination === 'stdout' ? process.stdout.isTTY : process.stderr.isTTY;
  if (tty) {
    return pino({
      level,
      transport: {
        target: 'pino-pretty',
        options: { destination: fd, translateTime: 'HH:MM:ss', ignore: 'pid,hostname' },
      },
    });
  }
  return pino({ level }, pino.destination(fd));
}
