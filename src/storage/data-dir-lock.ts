import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const LOCK_FILE = 'koze.lock';

/** What the owner of a data directory writes in its lock: enough for `koze chat` to reach it. */
export interface LockInfo {
  pid: number;
  command: string;
  startedAt: string;
  /** Set once the HTTP server listens; `koze chat` talks to the running Kozé through it. */
  http?: { host: string; port: number; chatToken: string };
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockInfo,
  ) {
    super(
      `The data directory ${dataDir} is in use by another Kozé process (pid ${holder.pid}: ${holder.command}, ` +
        `since ${holder.startedAt}). The embedded database must have a single owner: stop that process, ` +
        `or set KOZE_DATA_DIR to another directory, or use PostgreSQL (DATABASE_URL).`,
    );
  }
}

/** Whether a process with this pid exists (EPERM: it exists but belongs to another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Reads the lock of a data directory, if a live process holds it. */
export function readLiveLock(dataDir: string): LockInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(path.join(dataDir, LOCK_FILE), 'utf8')) as LockInfo;
    return isAlive(info.pid) ? info : undefined;
  } catch {
    return undefined;
  }
}

/**
 * An exclusive, process-wide lock on a data directory. PGlite has no lock of its own and loses
 * writes when two processes open the same directory, so Kozé takes this one first. A lock left
 * by a dead process (crash, SIGKILL) is taken over.
 */
export class DataDirLock {
  private constructor(
    readonly dataDir: string,
    private info: LockInfo,
  ) {}

  static acquire(dataDir: string, command = process.argv.slice(1).join(' ')): DataDirLock {
    mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, LOCK_FILE);
    const info: LockInfo = { pid: process.pid, command, startedAt: new Date().toISOString() };
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        writeFileSync(file, JSON.stringify(info), { flag: 'wx', mode: 0o600 });
        return new DataDirLock(dataDir, info);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const holder = readLiveLock(dataDir);
        if (holder && holder.pid !== process.pid) throw new DataDirLockedError(dataDir, holder);
        unlinkSync(file); // stale: its process is gone
      }
    }
    throw new Error(`Could not lock ${dataDir}`);
  }

  /** Publishes where the HTTP server listens, with a secret that only local users who can read the lock know. */
  advertiseHttp(host: string, port: number): string {
    const chatToken = randomBytes(24).toString('base64url');
    this.info = { ...this.info, http: { host, port, chatToken } };
    writeFileSync(path.join(this.dataDir, LOCK_FILE), JSON.stringify(this.info), { mode: 0o600 });
    return chatToken;
  }

  release(): void {
    try {
      const current = JSON.parse(readFileSync(path.join(this.dataDir, LOCK_FILE), 'utf8')) as LockInfo;
      if (current.pid === process.pid) unlinkSync(path.join(this.dataDir, LOCK_FILE));
    } catch {
      // already gone
    }
  }
}
