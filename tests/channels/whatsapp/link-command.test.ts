import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createWhatsAppConnection } from '../../../src/channels/whatsapp/whatsapp-channel.ts';
import { linkWhatsApp, WhatsAppLinkError } from '../../../src/cli/whatsapp.command.ts';
import { spawnKoze } from '../../helpers/processes.ts';
import { FakeWhatsAppClient, KOZE_NUMBER } from './fake-whatsapp-client.ts';

const logger = pino({ level: 'silent' });
const settings = { chromiumPath: '/usr/bin/chromium', initTimeoutMs: 10_000 };

function terminal() {
  const out = new PassThrough();
  let text = '';
  out.on('data', (d) => (text += d));
  return { out, text: () => text };
}

describe('koze whatsapp link', () => {
  it('prints each QR code in the terminal and returns once the phone has linked the account', async () => {
    const client = new FakeWhatsAppClient('qr');
    const connection = createWhatsAppConnection({
      dataDir: mkdtempSync(path.join(tmpdir(), 'koze-wa-link-')),
      settings,
      logger,
      createClient: async () => client,
    });
    const { out, text } = terminal();
    const linked = linkWhatsApp(connection, out, { timeoutMs: 60_000, settleMs: 10 });
    await new Promise((r) => setTimeout(r, 50));
    expect(text()).toMatch(/Linked devices → Link a device/);
    expect(text()).toMatch(/▄|█/); // the QR code itself, drawn with block characters
    expect(connection.qr).toBeDefined();
    client.emit('qr', '2@second-code');
    await new Promise((r) => setTimeout(r, 10));
    expect(text().match(/Link a device/g)).toHaveLength(2);

    client.scan();
    await expect(linked).resolves.toEqual({ number: KOZE_NUMBER });
    expect(text()).toMatch(new RegExp(`Linked to WhatsApp as \\+${KOZE_NUMBER}`));
    expect(client.destroyed).toBe(true); // the browser is closed; the session stays on disk
  });

  it('gives up with the Debian package to install when Chromium is missing', async () => {
    const connection = createWhatsAppConnection({
      dataDir: mkdtempSync(path.join(tmpdir(), 'koze-wa-link-')),
      settings: { ...settings, chromiumPath: '/nonexistent/chromium' },
      logger,
    });
    const { out, text } = terminal();
    const error = await linkWhatsApp(connection, out, { timeoutMs: 60_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WhatsAppLinkError);
    expect((error as Error).message).toMatch(/install Debian's package "chromium"/);
    expect(text()).not.toMatch(/trying again/);
  });

  it('gives up after the timeout, saying what went wrong last', async () => {
    const connection = createWhatsAppConnection({
      dataDir: mkdtempSync(path.join(tmpdir(), 'koze-wa-link-')),
      settings,
      logger,
      retryDelayMs: 20,
      createClient: async () =>
        new FakeWhatsAppClient(new Error('net::ERR_NAME_NOT_RESOLVED at https://web.whatsapp.com/')),
    });
    const { out, text } = terminal();
    const error = await linkWhatsApp(connection, out, { timeoutMs: 300 }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'WhatsApp was not linked within 0 s (last error: net::ERR_NAME_NOT_RESOLVED at https://web.whatsapp.com/)',
    );
    expect(text()).toMatch(
      /WhatsApp: net::ERR_NAME_NOT_RESOLVED at https:\/\/web.whatsapp.com\/ — trying again…/,
    );
  });

  it('is a command of the koze CLI', async () => {
    const help = spawnKoze(['bin/koze.js', 'whatsapp', 'link', '--help'], {});
    expect(await help.exited).toBe(0);
    expect(help.output()).toMatch(/link Kozé to its WhatsApp number/);
  });
});
