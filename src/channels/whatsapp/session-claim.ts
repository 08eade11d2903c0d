import { existsSync, readdirSync, readFileSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isAlive } from '../../storage/data-dir-lock.ts';
import { WhatsAppSessionInUseError } from './whatsapp-errors.ts';

const OWNER_FILE = 'owner.json';

/** Processes (Linux /proc) whose command line opens this Chromium profile. */
export function processesUsingProfile(profileDir: string): number[] {
  if (!existsSync('/proc')) return [];
  const marker = `--user-data-dir=${profileDir}`;
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (args.includes(marker)) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

/**
 * Makes this process the only driver of the WhatsApp session in `dir`. Puppeteer starts Chromium detached,
 * so when Kozé is killed (SIGKILL, power cut) its Chromium may live on and hold the profile, and the next
 * start would fail with "the browser is already running". The owner file tells an orphan (its Kozé is dead:
 * kill it) from a browser another live Kozé drives (refuse, naming that process).
 */
export async function claimWhatsAppSession(dir: string, profileDir: string): Promise<{ release(): void }> {
  mkdirSync(dir, { recursive: true });
  const ownerFile = path.join(dir, OWNER_FILE);
  let owner: { pid?: number } = {};
  try {
    owner = JSON.parse(readFileSync(ownerFile, 'utf8')) as { pid?: number };
  } catch {
    // No owner yet, or a torn file: nobody to respect.
  }
  if (owner.pid && owner.pid !== process.pid && isAlive(owner.pid)) {
    throw new WhatsAppSessionInUseError(dir, owner.pid);
  }
  const orphans = processesUsingProfile(profileDir);
  for (const pid of orphans) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  for (let waited = 0; waited < 3000 && orphans.some(isAlive); waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // Chromium's own profile lock, left behind by the killed browser.
  for (const name of ['SingletonLock', 'SingletonSocket', 'SingletonCookie']) {
    rmSync(path.join(profileDir, name), { force: true });
  }
  writeFileSync(ownerFile, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }));
  return {
    release() {
      try {
        const current = JSON.parse(readFileSync(ownerFile, 'utf8')) as { pid?: number };
        if (current.pid === process.pid) rmSync(ownerFile, { force: true });
      } catch {
        // Nothing to release.
      }
    },
  };
}
