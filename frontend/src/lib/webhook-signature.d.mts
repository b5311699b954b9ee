// Types of webhook-signature.mjs (plain JavaScript, so that `node --test` runs its tests without a compiler).

export declare const SIGNATURE_HEADER: "x-labcms-signature";
export declare const DEFAULT_TOLERANCE_SECONDS: number;

export interface ParsedSignature {
  timestamp: number;
  signatures: string[];
}

export type VerificationResult = { ok: true; timestamp: number } | { ok: false; reason: string };

export interface WebhookPayload {
  event?: string;
  id?: string;
  object?: { type?: string; id?: number | string; title?: string };
  url_path?: string | null;
  previous_url_path?: string | null;
  affected?: string[];
  site_wide?: boolean;
  occurred_at?: string;
}

export declare function parseSignatureHeader(header: string | null | undefined): ParsedSignature | null;

export declare function computeSignature(secret: string, timestamp: number, body: string | Uint8Array): string;

export declare function verifyWebhookSignature(options: {
  secret: string | undefined;
  header: string | null | undefined;
  body: string | Uint8Array;
  toleranceSeconds?: number;
  now?: number;
}): VerificationResult;

export declare function pathsToRevalidate(payload: unknown): string[];
