import type { Command } from 'commander';
import { printQrCode } from '../channels/whatsapp/qr-terminal.ts';
import type { WhatsAppConnection } from '../channels/whatsapp/whatsapp-connection.ts';
import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';

const duration = (ms: number) =>
  ms < 60_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`;

/** Thrown when linking ends without a linked account. */
export class WhatsAppLinkError extends Error {}

/**
 * Shows the QR codes of `connection` on `out` until the phone has scanned one and WhatsApp is ready, then
 * closes the browser, leaving the session on disk for Kozé. Resolves with the linked number.
 */
export function linkWhatsApp(
  connection: WhatsAppConnection,
  out: NodeJS.WritableStream,
  options: { timeoutMs: number; settleMs?: number },
): Promise<{ number: string | undefined }> {
  return new Promise((resolve, reject) => {
    let lastError = '';
    let off = false;
    const finish = async (outcome: { number: string | undefined } | Error) => {
      clearTimeout(timer);
      await connection.stop();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const timer = setTimeout(
      () =>
        void finish(
          new WhatsAppLinkError(
            `WhatsApp was not linked within ${duration(options.timeoutMs)}` +
              (lastError ? ` (last error: ${lastError})` : ''),
          ),
        ),
      options.timeoutMs,
    );
    connection.on('qr', (qr) => printQrCode(qr, out));
    connection.on('status', (status) => {
      if (status.startsWith('error: ') && !off) {
        lastError = status.slice('error: '.length);
        out.write(`WhatsApp: ${lastError} — trying again…\n`);
      }
    });
    connection.on('off', (error) => {
      off = true;
      void finish(new WhatsAppLinkError(error.message));
    });
    connection.on('ready', ({ number, name }) => {
      out.write(
        `\nLinked to WhatsApp${number ? ` as +${number}` : ''}${name ? ` (${name})` : ''}. Saving the session…\n`,
      );
      // Chromium writes the session to its profile in the background: give it a moment before closing.
      setTimeout(() => void finish({ number }), options.settleMs ?? 5000);
    });
    connection.start();
  });
}

export function registerWhatsAppCommand(program: Command) {
  const whatsapp = program.command('whatsapp').description('the WhatsApp channel');
  whatsapp
    .command('link')
    .description(
      'link Kozé to its WhatsApp number: shows a QR code to scan with that phone, waits until linked',
    )
    .option('--timeout <minutes>', 'give up after this many minutes', '10')
    .action(async (options: { timeout: string }) => {
      const config = loadConfig();
      const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, 'stderr');
      // whatsapp-web.js (and puppeteer) load only for this command, not for every `koze …`.
      const { createWhatsAppConnection, whatsappDir } =
        await import('../channels/whatsapp/whatsapp-channel.ts');
      const connection = createWhatsAppConnection({
        dataDir: config.dataDir,
        settings: config.whatsapp,
        logger,
      });
      process.stdout.write(
        `Starting WhatsApp Web in ${config.whatsapp.chromiumPath} (this takes a few seconds)…\n`,
      );
      try {
        await linkWhatsApp(connection, process.stdout, { timeoutMs: Number(options.timeout) * 60_000 });
      } catch (error) {
        if (!(error instanceof WhatsAppLinkError)) throw error;
        process.stderr.write(`koze: ${error.message}\n`);
        process.exit(1);
      }
      process.stdout.write(
        `The session is kept in ${whatsappDir(config.dataDir)} (keep it private: it is the account's key).\n` +
          (config.whatsappEnabled
            ? 'Start Kozé (npm start): it will use this WhatsApp account.\n'
            : 'Set WHATSAPP_ENABLED=true (in .env) and start Kozé (npm start) to answer residents on WhatsApp.\n'),
      );
      process.exit(0);
    });
}
