/** The language of a response: `?locale=de|en`, else the first of `Accept-Language` we know, else German. */
import type { IncomingMessage } from 'node:http';

export type Lang = 'de' | 'en';

export function langOf(req: IncomingMessage, query: URLSearchParams): Lang {
  const asked = query.get('locale');
  if (asked === 'en' || asked === 'de') return asked;
  const header = req.headers['accept-language'];
  if (typeof header !== 'string') return 'de';
  // Tags in the order given, weights ignored unless 0: "en-US,en;q=0.9,de;q=0.8" → en.
  for (const part of header.split(',')) {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    if (params.some((p) => p.trim() === 'q=0')) continue;
    if (tag?.startsWith('de')) return 'de';
    if (tag?.startsWith('en')) return 'en';
  }
  return 'de';
}
