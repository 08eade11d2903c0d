/** Chromium is not where CHROMIUM_PATH says: nothing WhatsApp can do will work until it is installed. */
export class ChromiumMissingError extends Error {
  constructor(readonly path: string) {
    super(
      `Chromium was not found at ${path}: install Debian's package "chromium" (sudo apt-get install chromium) ` +
        'or set CHROMIUM_PATH to a Chromium or Chrome executable',
    );
  }
}

/** Another live process drives the same WhatsApp session (a running Kozé, or `koze whatsapp link`). */
export class WhatsAppSessionInUseError extends Error {
  constructor(
    readonly sessionDir: string,
    readonly pid: number,
  ) {
    super(
      `The WhatsApp session in ${sessionDir} is in use by another Kozé process (pid ${pid}); ` +
        'a WhatsApp account can be driven by one process only',
    );
  }
}

/** A step of the WhatsApp client did not finish in time (WhatsApp Web unreachable, Chromium stuck). */
export class WhatsAppTimeoutError extends Error {
  constructor(
    readonly step: string,
    readonly ms: number,
  ) {
    super(`${step} did not finish within ${Math.round(ms / 1000)} s (is web.whatsapp.com reachable?)`);
  }
}

/** A message could not be sent because WhatsApp is not connected. */
export class WhatsAppNotReadyError extends Error {
  constructor(readonly status: string) {
    super(`WhatsApp is not connected (${status})`);
  }
}
