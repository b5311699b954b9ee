// node --test tests/ (npm test): the webhook verifier used by src/app/api/revalidate/route.ts.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { describe, it } from "node:test";

import {
  DEFAULT_TOLERANCE_SECONDS,
  computeSignature,
  parseSignatureHeader,
  pathsToRevalidate,
  verifyWebhookSignature,
} from "../src/lib/webhook-signature.mjs";

const SECRET = "test-secret-0123456789abcdef";
const NOW = 1_700_000_000;
// Signed by the CMS's own signer (webhooks/signing.py): `sign(SECRET, BODY, 1700000000)`.
const BODY = '{"affected":["/blog/","/"],"event":"page.published","url_path":"/blog/café/"}';
const CMS_HEADER = "t=1700000000,v1=387cd725d96fbc00d6a1d6e7c3acda3e900624e3b33c8087fc8d574352da4879";

function header(body, timestamp = NOW, secret = SECRET) {
  return `t=${timestamp},v1=${computeSignature(secret, timestamp, body)}`;
}

describe("verifyWebhookSignature", () => {
  it("accepts what the CMS signs, as a string or as the raw bytes", () => {
    assert.deepEqual(verifyWebhookSignature({ secret: SECRET, header: CMS_HEADER, body: BODY, now: NOW }), {
      ok: true,
      timestamp: NOW,
    });
    const bytes = new TextEncoder().encode(BODY);
    assert.equal(verifyWebhookSignature({ secret: SECRET, header: CMS_HEADER, body: bytes, now: NOW }).ok, true);
  });

  it("computes HMAC-SHA256 of `<t>.<body>`", () => {
    const expected = createHmac("sha256", SECRET).update(`${NOW}.${BODY}`).digest("hex");
    assert.equal(computeSignature(SECRET, NOW, BODY), expected);
  });

  it("refuses a changed body, another secret, or a missing secret", () => {
    const tampered = BODY.replace("/blog/", "/admin/");
    assert.deepEqual(verifyWebhookSignature({ secret: SECRET, header: CMS_HEADER, body: tampered, now: NOW }), {
      ok: false,
      reason: "signature mismatch",
    });
    const other = verifyWebhookSignature({ secret: "another-secret-000000", header: CMS_HEADER, body: BODY, now: NOW });
    assert.equal(other.ok, false);
    assert.equal(verifyWebhookSignature({ secret: "", header: CMS_HEADER, body: BODY, now: NOW }).ok, false);
    assert.equal(verifyWebhookSignature({ secret: undefined, header: CMS_HEADER, body: BODY, now: NOW }).ok, false);
  });

  it("refuses timestamps more than five minutes away, either way", () => {
    assert.equal(DEFAULT_TOLERANCE_SECONDS, 300);
    for (const offset of [-301, 301, -86_400]) {
      const result = verifyWebhookSignature({
        secret: SECRET,
        header: header(BODY, NOW + offset),
        body: BODY,
        now: NOW,
      });
      assert.deepEqual(result, { ok: false, reason: "stale timestamp" });
    }
    for (const offset of [-300, 0, 300]) {
      const result = verifyWebhookSignature({ secret: SECRET, header: header(BODY, NOW + offset), body: BODY, now: NOW });
      assert.equal(result.ok, true);
    }
  });

  it("refuses a replayed header with a re-signed timestamp it cannot forge", () => {
    const [, v1] = CMS_HEADER.split(",");
    const replay = `t=${NOW + 3600},${v1}`;
    const result = verifyWebhookSignature({ secret: SECRET, header: replay, body: BODY, now: NOW + 3600 });
    assert.deepEqual(result, { ok: false, reason: "signature mismatch" });
  });

  it("refuses malformed headers", () => {
    for (const bad of [null, undefined, "", "t=1700000000", "v1=abc", "t=abc,v1=00", `t=${NOW},v1=${"0".repeat(63)}`]) {
      const result = verifyWebhookSignature({ secret: SECRET, header: bad, body: BODY, now: NOW });
      assert.deepEqual(result, { ok: false, reason: "malformed signature header" });
    }
  });

  it("accepts any of several v1 signatures (secret rotation)", () => {
    const rotated = `${header(BODY, NOW, "old-secret-0000000000")},v1=${computeSignature(SECRET, NOW, BODY)}`;
    assert.equal(verifyWebhookSignature({ secret: SECRET, header: rotated, body: BODY, now: NOW }).ok, true);
  });
});

describe("parseSignatureHeader", () => {
  it("reads t and every v1, ignoring spaces and unknown keys", () => {
    const sig = "a".repeat(64);
    assert.deepEqual(parseSignatureHeader(` t=12 , v0=zz, v1=${sig.toUpperCase()} `), {
      timestamp: 12,
      signatures: [sig],
    });
  });
});

describe("pathsToRevalidate", () => {
  it("takes affected, url_path and previous_url_path, once each, and drops anything that is not a site path", () => {
    const payload = {
      url_path: "/blog/new/",
      previous_url_path: "/blog/old/",
      affected: ["/blog/new/", "/blog/", "/", "https://evil.example/", "//evil.example/", "blog/", "/a b/", 3, null],
    };
    assert.deepEqual(pathsToRevalidate(payload), ["/blog/new/", "/blog/", "/", "/blog/old/"]);
  });

  it("is empty for anything but an object", () => {
    assert.deepEqual(pathsToRevalidate(null), []);
    assert.deepEqual(pathsToRevalidate("x"), []);
    assert.deepEqual(pathsToRevalidate({ url_path: null }), []);
  });
});
