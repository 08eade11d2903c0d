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

/**
 * Reads the person's lines on `input`, one turn per line, and prints Kozé's answers on `output`.
 * Lines are processed strictly in order, so piped input works as well as a person typing.
 * `/location LAT LON` shares a location; `/quit` (or end of input) leaves.
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
    const message: LocalMessage = { userId, text };
    const location = /^\/location\s+(-?\d+(?:\.\d+)?)[ ,]+(-?\d+(?:\.\d+)?)$/.exec(text);
    if (location) {
      message.text = '';
      message.value = { type: 'location', latitude: Number(location[1]), longitude: Number(location[2]) };
    }
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
