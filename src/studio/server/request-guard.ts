import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/** Why a request is refused: its HTTP status and one line for the client. */
export interface Refusal {
  readonly status: number;
  readonly message: string;
}

/**
 * Jupyter's model for a server on a shared machine. The token (in `?token=`, the `X-Zsweep-Token`
 * header, or the cookie the page gets in exchange for it) proves the client was shown the URL. The Host must be localhost or an IP
 * literal at the studio's port: a site that points its own name at 127.0.0.1 (DNS rebinding) sends
 * its name. An Origin, when sent, must be this Host's own, so other sites' pages cannot call in.
 */
export function checkRequest(request: IncomingMessage, { token, port }: { token: string; port: number }): Refusal | undefined {
  const host = request.headers.host ?? '';
  const hostMatch = /^(\[[0-9a-f:.]+\]|[^:[\]]+):(\d+)$/i.exec(host);
  const hostname = hostMatch?.[1].replace(/^\[|\]$/g, '').toLowerCase();
  if (!hostMatch || Number(hostMatch[2]) !== port || !(hostname === 'localhost' || isIP(hostname ?? '') !== 0)) {
    return { status: 403, message: `refused: Host ${JSON.stringify(host)} is not this studio's` };
  }
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) {
    return { status: 403, message: `refused: requests from ${JSON.stringify(origin)} are not accepted` };
  }
  const url = new URL(request.url ?? '/', 'http://studio');
  const given = url.searchParams.get('token') ?? request.headers['x-zsweep-token'] ?? cookieOf(request, tokenCookie(port));
  if (typeof given !== 'string' || !sameText(given, token)) {
    return { status: 401, message: 'refused: this URL needs the token printed when the studio started (…/?token=…)' };
  }
  return undefined;
}

/** Compared in constant time, so the token cannot be guessed a character at a time. */
function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The cookie the token is exchanged for when the page first loads, so that the page can drop the token
 * from its address (and history). One name per port: cookies are shared by every port of a host.
 */
export function tokenCookie(port: number): string {
  return `zsweep-token-${port}`;
}

/** `Set-Cookie` for the token: HttpOnly (no script reads it), SameSite=Strict (no other site sends it). */
export function tokenCookieHeader(port: number, token: string): string {
  return `${tokenCookie(port)}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}

function cookieOf(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}
