import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Activity, CardAction } from 'botbuilder';
import type { LocalMessage } from '../local/local-chat.adapter.ts';

/** Sends one message to Kozé and returns what it answered: in this process, or through the running server. */
export type ChatTransport = (message: LocalMessage) => Promise<Partial<Activity>[]>;

/** Renders a bot activity for a terminal: its text, then its buttons as a numbered list. */
export function renderForTerminal(activity: Partial<Activity>): string {
  const lines: string[] = [];
  if (activity.text) lines.push(activity.text);
  const actions: CardAction[] = activity.suggestedActions?.actions ?? [];
  actions.forEach((action, index) => lines.push(`  ${index + 1}. ${action.title ?? String(action.value)}`));
  for (const attachment of activity.attachments ?? []) lines.push(`  [${attachment.contentType}]`);
  return lines.join('\n');
}

/** What a typed file stands for: `/photo`, `/voice`, `/sticker`, `/file` (dialogs/README.md conventions). */
const FAKE_FILES: Record<string, { contentType: string; name: string }> = {
  photo: { contentType: 'image/jpeg', name: 'photo.jpg' },
  voice: { contentType: 'audio/ogg', name: 'note-vocale.ogg' },
  sticker: { contentType: 'application/x-sticker', name: 'sticker.webp' },
  file: { contentType: 'application/pdf', name: 'document.pdf' },
};

/**
 * Turns a typed line into a message. Besides text: `/location LAT LON` shares a place, `/photo [caption]`,
 * `/voice`, `/sticker` and `/file` send a (pretend) file, `/start CODE` opens Kozé as a QR code or a link
 * to tested service CODE would.
 */
export function readConsoleLine(userId: string, line: string): LocalMessage {
  const message: LocalMessage = { userId, text: line };
  const location = /^\/location\s+(-?\d+(?:\.\d+)?)[ ,]+(-?\d+(?:\.\d+)?)$/.exec(line);
  if (location) {
    message.text = '';
    message.value = { type: 'location', latitude: Number(location[1]), longitude: Number(location[2]) };
    return message;
  }
  const file = /^\/(photo|voice|sticker|file)(?:\s+([\s\S]*))?$/.exec(line);
  if (file) {
    const { contentType, name } = FAKE_FILES[file[1]!]!;
    message.text = file[2]?.trim() ?? '';
    message.attachments = [{ contentType, name, contentUrl: `console-file:${randomUUID()}/${name}` }];
    return message;
  }
  const start = /^\/start(?:\s+([A-Za-z0-9_-]+))?$/.exec(line);
  if (start) {
    message.text = '';
    message.value = start[1] ? { type: 'start', service: start[1].toUpperCase() } : { type: 'start' };
  }
  return message;
}

/**
 * Reads the person's lines on `input`, one turn per line, and prints Kozé's answers on `output`.
 * Lines are processed strictly in order, so piped input works as well as a person typing.
 * See `readConsoleLine` for files, places and start codes; `/quit` (or end of input) leaves.
 */
export async function runConsoleChat(options: {
  transport: ChatTransport;
  userId: string;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  greeting?: string;
}): Promise<void> {
  const { transport, userId, output } = options;
  const interactive = (options.input as NodeJS.ReadStream).isTTY === true;
  const rl = createInterface({ input: options.input, terminal: interactive });
  const print = (text: string) => output.write(`${text}\n`);
  if (options.greeting) print(options.greeting);
  if (interactive) {
    rl.setPrompt('vous › ');
    rl.prompt();
  }
  for await (const line of rl) {
    const text = line.trim();
    if (text === '/quit' || text === '/exit') break;
    const message = readConsoleLine(userId, text);
    try {
      for (const activity of await transport(message)) {
        const rendered = renderForTerminal(activity);
        if (rendered) print(`kozé › ${rendered.replace(/\n/g, '\n       ')}`);
      }
    } catch (error) {
      print(`(Kozé ne répond pas : ${(error as Error).message})`);
    }
    if (interactive) rl.prompt();
  }
  rl.close();
}
