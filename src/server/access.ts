/**
 * Who may talk to the server. It listens on loopback unless told otherwise; any other address
 * needs a token, and every API request then a `Bearer` header with it. On loopback the `Host`
 * header must name loopback too: a web page whose domain an attacker points at 127.0.0.1
 * (DNS rebinding) must not reach the rule files or the API from the practice's browser.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';
import { HttpProblem } from './problem';

/** True for 127.0.0.0/8, ::1, ::ffff:127.x and `localhost`. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice(7) : h;
  return isIP(v4) === 4 && v4.startsWith('127.');
}

/** The host part of a `Host` header (without the port; IPv6 in brackets kept apart). */
function hostName(header: string): string {
  if (header.startsWith('[')) return header.slice(0, header.indexOf(']') + 1);
  const colon = header.lastIndexOf(':');
  return colon < 0 ? header : header.slice(0, colon);
}

/** Shortest token accepted: 16 characters, guessed over the network by nobody in a practice's lifetime. */
export const MIN_TOKEN_LENGTH = 16;

/** Why the server does not start, in German and English (the message is both, German first). */
export class StartRefused extends Error {
  constructor(
    readonly de: string,
    readonly en: string,
  ) {
    super(`${de} / ${en}`);
  }
}

const digest = (s: string) => createHash('sha256').update(s).digest();

export class Access {
  private readonly tokenDigest: Buffer | null;

  constructor(
    /** The address the server is bound to. */
    private readonly boundTo: string,
    token: string | undefined,
  ) {
    if (!isLoopback(boundTo) && !token) {
      throw new StartRefused(
        `Auf ${boundTo} wird nur mit --token gelauscht; ohne Zugangsschlüssel nur auf Loopback (127.0.0.1).`,
        `Listening on ${boundTo} needs --token; without a token only loopback (127.0.0.1) is served.`,
      );
    }
    if (token !== undefined && token !== '' && token.length < MIN_TOKEN_LENGTH) {
      throw new StartRefused(
        `Der Zugangsschlüssel (--token) muss mindestens ${MIN_TOKEN_LENGTH} Zeichen lang sein.`,
        `The token (--token) must be at least ${MIN_TOKEN_LENGTH} characters long.`,
      );
    }
    this.tokenDigest = token ? digest(token) : null;
  }

  get tokenRequired(): boolean {
    return this.tokenDigest !== null;
  }

  /** The last `Host` header found good (a client sends the same one with every request). */
  private goodHost = '';

  /** Throws 403 for a foreign `Host` (on loopback) or a foreign `Origin`. */
  checkHost(req: IncomingMessage): void {
    const host = req.headers.host ?? '';
    const origin = req.headers.origin;
    if (host === this.goodHost && origin === undefined) return;
    if (isLoopback(this.boundTo) && !isLoopback(hostName(host))) {
      throw new HttpProblem('host-refused', { de: 'Der Server antwortet nur unter einer Loopback-Adresse (127.0.0.1, localhost).', en: 'The server answers only under a loopback address (127.0.0.1, localhost).' });
    }
    if (origin !== undefined && origin !== `http://${host}`) {
      throw new HttpProblem('host-refused', { de: 'Anfragen von fremden Webseiten werden abgelehnt.', en: 'Requests from other web pages are refused.' });
    }
    this.goodHost = host;
  }

  /** Throws 401 unless the request carries the token (when one is set). */
  checkToken(req: IncomingMessage): void {
    if (!this.tokenDigest) return;
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match && timingSafeEqual(digest(match[1]!), this.tokenDigest)) return;
    throw new HttpProblem(
      'unauthorized',
      { de: 'Dieser Server verlangt den Zugangsschlüssel als Header "Authorization: Bearer …".', en: 'This server requires the token as header "Authorization: Bearer …".' },
      {},
      { 'www-authenticate': 'Bearer realm="pvs-rules"' },
    );
  }
}
