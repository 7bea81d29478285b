// Share links: a whole workspace (DAG files, config, profile, seed, the command and edit log,
// the clock, the open view) packed into the URL fragment, `#w=1.<data>`. Opening the link
// rebuilds the same state by replay (the engine is deterministic): no server, works offline,
// and the fragment is never sent to a server (RFC 3986 §3.5).
// <data> is the JSON of the workspace, zlib-compressed (deflate level 9 with a preset dictionary,
// see dictionary.ts, and an Adler-32 checksum, so a link cut short or mistyped is detected
// instead of opening garbage), in base64url.
// Pure: no DOM, no store; the app and Vitest both use it.
import { strFromU8, strToU8, Unzlib, zlibSync } from 'fflate';
import type { WorkspaceDraft } from '../../store/types.ts';
import { check, readDraft } from '../../store/validate.ts';
import { DICTIONARY_V1 } from './dictionary.ts';

export const LINK_KEY = 'w';
export const LINK_VERSION = 1;

/**
 * What a link should stay under so it survives being pasted anywhere: about 2,000 characters
 * is the de facto limit for old browsers, sitemaps and some chat apps (a Discord message holds
 * 2,000 characters). The lessons' typical states are measured against it in link.test.ts.
 */
export const SAFE_CHARS = 2_000;
/**
 * Beyond this, offer a file instead: Chromium shows at most 32 KiB of a URL in the address bar
 * (kMaxURLDisplayChars = 32 * 1024, chromium content/common/content_constants.cc) though it
 * accepts 2 MiB (kMaxURLChars), and RFC 9110 §4.1 only asks software to handle 8,000 octets.
 */
export const HARD_CHARS = 32_000;
/** Decoding refuses more than this much JSON (a crafted link must not fill the tab's memory). */
const MAX_JSON_BYTES = 20_000_000;
const dictionary = strToU8(DICTIONARY_V1);

/** The part of a workspace a link carries: everything but its identity in this browser. */
export type SharedWorkspace = WorkspaceDraft;

export type LinkError =
  | { ok: false; code: 'notLink' | 'format' | 'corrupt' | 'tooLarge' | 'invalid'; message: string }
  | { ok: false; code: 'newer'; message: string; version: number };

export type Decoded = { ok: true; ws: SharedWorkspace } | LinkError;

/** The fragment (with its "#") for a workspace; extra keys (id, revision...) are dropped. */
export function encodeLink(ws: SharedWorkspace): string {
  const { name, profile, files, config, seed, start, commands, fileEdits, clock, view } = ws;
  const json = JSON.stringify({ name, profile, files, config, seed, start, commands, fileEdits, clock, view });
  return `#${LINK_KEY}=${LINK_VERSION}.${toBase64Url(zlibSync(strToU8(json), { level: 9, dictionary }))}`;
}

/** The whole URL to share: the page's address without its own fragment, plus the workspace. */
export function shareUrl(pageUrl: string, ws: SharedWorkspace): string {
  return pageUrl.replace(/#.*$/s, '') + encodeLink(ws);
}

/** Whether a fragment (location.hash) holds a workspace link at all. */
export function hasLink(hash: string): boolean {
  return new RegExp(`^#?${LINK_KEY}=`).test(hash);
}

/** Read a fragment ("#w=1.…", with or without "#"). Never throws: errors say what is wrong. */
export function decodeLink(hash: string): Decoded {
  const m = new RegExp(`^#?${LINK_KEY}=(.*)$`, 's').exec(hash.trim());
  if (!m) return fail('notLink', `not a workspace link (it should contain "#${LINK_KEY}=")`);
  // chat apps and mail clients sometimes percent-encode or wrap a long link
  let body = m[1]!.replace(/\s+/g, '');
  try {
    body = decodeURIComponent(body);
  } catch {
    /* not percent-encoded */
  }
  const dot = body.indexOf('.');
  const version = dot > 0 ? Number(body.slice(0, dot)) : NaN;
  if (!Number.isInteger(version) || version < 1) return fail('format', 'the link is damaged: it does not start with a format version (copy the whole link again)');
  if (version > LINK_VERSION) {
    return { ok: false, code: 'newer', version, message: `the link was made by a newer version of the app (format ${version}; this one reads ${LINK_VERSION}): reload the app to update it` };
  }
  const data = body.slice(dot + 1);
  if (data.length > (MAX_JSON_BYTES * 4) / 3) return fail('tooLarge', `the link is too long (${data.length} characters)`);
  if (!/^[A-Za-z0-9_-]+$/.test(data)) return fail('corrupt', 'the link is damaged: it contains characters a link of this app never has (copy the whole link again)');
  let json: string;
  try {
    json = inflate(fromBase64Url(data));
  } catch (e) {
    if (e instanceof TooLarge) return fail('tooLarge', `the workspace in the link is larger than ${MAX_JSON_BYTES / 1e6} MB`);
    return fail('corrupt', 'the link is damaged or cut short: it does not decompress (copy the whole link again)');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return fail('corrupt', 'the link is damaged: its content is not JSON');
  }
  const r = check(() => readDraft(raw, 'workspace'));
  return r.ok ? { ok: true, ws: r.value } : fail('invalid', `the workspace in the link is not valid: ${r.message}`);
}

/** What a link's length means for sharing it: fine anywhere, long for some chat apps, or too long (send the file). */
export function linkFit(chars: number): 'ok' | 'long' | 'tooLong' {
  return chars > HARD_CHARS ? 'tooLong' : chars > SAFE_CHARS ? 'long' : 'ok';
}

function fail(code: Exclude<LinkError['code'], 'newer'>, message: string): LinkError {
  return { ok: false, code, message };
}

class TooLarge extends Error {}

/** Inflate with a running total: stop at MAX_JSON_BYTES (a tiny link can expand a thousandfold). */
function inflate(bytes: Uint8Array): string {
  const parts: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  const z = new Unzlib({ dictionary }, (chunk, final) => {
    total += chunk.length;
    if (total > MAX_JSON_BYTES) throw new TooLarge();
    parts.push(chunk);
    if (final) ended = true;
  });
  z.push(bytes, true);
  if (!ended) throw new Error('truncated');
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  // fflate does not check zlib's trailer: compare the Adler-32 (RFC 1950 §2.2) ourselves
  const n = bytes.length;
  const want = ((bytes[n - 4]! << 24) | (bytes[n - 3]! << 16) | (bytes[n - 2]! << 8) | bytes[n - 1]!) >>> 0;
  if (adler32(out) !== want) throw new Error('checksum');
  return strFromU8(out);
}

export function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < data.length; ) {
    const end = Math.min(i + 3800, data.length); // sums stay exact below 2^53 before the modulo
    for (; i < end; i++) {
      a += data[i]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** RFC 4648 §5 base64url without padding (a fragment keeps it as is; no escaping needed). */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + B64[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += B64[n >> 18]! + B64[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]!;
  }
  return out;
}

export function fromBase64Url(s: string): Uint8Array {
  if (s.length % 4 === 1) throw new Error('bad length');
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (const ch of s) {
    const v = B64.indexOf(ch);
    if (v < 0) throw new Error('bad character');
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}
