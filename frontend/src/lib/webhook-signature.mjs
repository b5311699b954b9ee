// Verifies the CMS's publish webhooks (webhooks/signing.py in the CMS), in plain JavaScript so that
// `node --test` can test it without a compiler; app/api/revalidate/route.ts imports it.
//
// Header: `X-Labcms-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, keyed with the
// endpoint's secret. The timestamp is signed too, so refusing one more than five minutes from our clock refuses
// replays of an old delivery.

import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "x-labcms-signature";
export const DEFAULT_TOLERANCE_SECONDS = 300;
const MAX_PATH_LENGTH = 1024;

/** `{ timestamp, signatures }` from a header value, or null when it is malformed. */
export function parseSignatureHeader(header) {
  if (typeof header !== "string" || header.length > 4096) return null;
  let timestamp = null;
  const signatures = [];
  for (const part of header.split(",")) {
    const index = part.indexOf("=");
    if (index < 0) continue;
    const key = part.slice(0, index).trim();
    const value = part.slice(index + 1).trim();
    if (key === "t" && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === "v1" && /^[0-9a-f]{64}$/i.test(value)) signatures.push(value.toLowerCase());
  }
  return timestamp === null || signatures.length === 0 ? null : { timestamp, signatures };
}

/** Hex HMAC-SHA256 of `<timestamp>.<body>`; `body` is the raw request body (string or bytes). */
export function computeSignature(secret, timestamp, body) {
  const hmac = createHmac("sha256", secret);
  hmac.update(`${timestamp}.`);
  hmac.update(typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body));
  return hmac.digest("hex");
}

/** Compares two hex digests in constant time (for equal lengths; a length mismatch is simply false). */
function sameDigest(expected, actual) {
  const a = Buffer.from(expected, "hex");
  const b = Buffer.from(actual, "hex");
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}

/**
 * Checks a delivery: `{ ok: true, timestamp }`, or `{ ok: false, reason }` for a missing secret, a malformed
 * header, a timestamp more than `toleranceSeconds` from `now` (either way), or a signature that does not match.
 */
export function verifyWebhookSignature({
  secret,
  header,
  body,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
  now = Date.now() / 1000,
}) {
  if (!secret) return { ok: false, reason: "no secret configured" };
  const parsed = parseSignatureHeader(header);
  if (!parsed) return { ok: false, reason: "malformed signature header" };
  if (Math.abs(now - parsed.timestamp) > toleranceSeconds) return { ok: false, reason: "stale timestamp" };
  const expected = computeSignature(secret, parsed.timestamp, body);
  // Check every candidate (a sender may send several during a secret rotation) without stopping early.
  let match = false;
  for (const signature of parsed.signatures) match = sameDigest(expected, signature) || match;
  return match ? { ok: true, timestamp: parsed.timestamp } : { ok: false, reason: "signature mismatch" };
}

function isSitePath(value) {
  return (
    typeof value === "string" &&
    value.startsWith("/") &&
    !value.startsWith("//") &&
    value.length <= MAX_PATH_LENGTH &&
    !/[\s?#\\]/.test(value) &&
    !/[\u0000-\u001f\u007f]/.test(value)
  );
}

/**
 * The paths a (verified) payload asks to revalidate: `affected`, plus `url_path` and `previous_url_path`,
 * deduplicated, each a path on the site ("/blog/x/"); anything else is dropped.
 */
export function pathsToRevalidate(payload) {
  if (!payload || typeof payload !== "object") return [];
  const candidates = [
    ...(Array.isArray(payload.affected) ? payload.affected : []),
    payload.url_path,
    payload.previous_url_path,
  ];
  return [...new Set(candidates.filter(isSitePath))];
}
