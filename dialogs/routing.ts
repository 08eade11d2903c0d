import type { GeoPoint, ReceivedAttachment } from './input.ts';
import type { MessageKey } from './catalog/catalog.ts';

/** What a resident asked for before Kozé could act on it (during the first contact). */
export interface Pending {
  intent: 'need' | 'idea' | 'feedback';
  text?: string;
  service?: string;
  location?: GeoPoint;
  attachment?: ReceivedAttachment;
}

/** What a dialog asks the root dialog to do once it has ended. */
export type RootAction =
  | { then: 'menu'; intro?: MessageKey }
  /** Open the dialog `pending` asks for; `intro` says why (by default: back to the first message). */
  | { then: 'route'; pending: Pending; intro?: MessageKey }
  | { then: 'none' };
