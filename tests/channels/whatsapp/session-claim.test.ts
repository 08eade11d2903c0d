import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimWhatsAppSession, processesUsingProfile } from '../../../src/channels/whatsapp/session-claim.ts';
import { WhatsAppSessionInUseError } from '../../../src/channels/whatsapp/whatsapp-errors.ts';

function sessionDirs() {
  const dir = mkdtempSync(path.join(tmpdir(), 'koze-wa-claim-'));
  const profile = path.join(dir, 'session');
  mkdirSync(profile);
  return { dir, profile };
}

/** A process that looks like a Chromium holding the profile (same --user-data-dir argument). */
function fakeBrowser(profile: string) {
  return spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', '--', `--user-data-dir=${profile}`], {
    stdio: 'ignore',
  });
}

const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

describe.runIf(existsSync('/proc'))('WhatsApp session claim', () => {
  it('kills the Chromium a dead Kozé left holding the session, and clears its profile lock', async () => {
    const { dir, profile } = sessionDirs();
    const orphan = fakeBrowser(profile);
    const exited = new Promise((resolve) => orphan.once('exit', (_code, signal) => resolve(signal)));
    for (let i = 0; i < 50 && processesUsingProfile(profile).length === 0; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(processesUsingProfile(profile)).toEqual([orphan.pid]);
    writeFileSync(path.join(dir, 'owner.json'), JSON.stringify({ pid: deadPid() }));
    symlinkSync(`somehost-${orphan.pid}`, path.join(profile, 'SingletonLock'));

    const claim = await claimWhatsAppSession(dir, profile);
    expect(await exited).toBe('SIGKILL');
    expect(existsSync(path.join(profile, 'SingletonLock'))).toBe(false);
    expect(JSON.parse(readFileSync(path.join(dir, 'owner.json'), 'utf8')).pid).toBe(process.pid);
    claim.release();
    expect(existsSync(path.join(dir, 'owner.json'))).toBe(false);
  });

  it('refuses a session another live Kozé drives, naming that process, and leaves its browser alone', async () => {
    const { dir, profile } = sessionDirs();
    const otherKoze = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    const browser = fakeBrowser(profile);
    try {
      writeFileSync(path.join(dir, 'owner.json'), JSON.stringify({ pid: otherKoze.pid }));
      const error = await claimWhatsAppSession(dir, profile).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WhatsAppSessionInUseError);
      expect((error as Error).message).toContain(`pid ${otherKoze.pid}`);
      expect(browser.exitCode).toBeNull();
      expect(browser.signalCode).toBeNull();
    } finally {
      otherKoze.kill();
      browser.kill();
    }
  });
});
