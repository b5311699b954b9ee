import { revalidatePath, revalidateTag } from "next/cache";
import { type NextRequest, NextResponse } from "next/server";

import {
  SIGNATURE_HEADER,
  pathsToRevalidate,
  verifyWebhookSignature,
  type WebhookPayload,
} from "@/lib/webhook-signature.mjs";

// On-demand revalidation: the CMS's publish webhooks (a WebhookEndpoint in the admin pointing at
// <frontend>/api/revalidate/, with the secret this process reads from REVALIDATE_SECRET) POST a signed
// JSON payload after each publish, unpublish, move, delete or snippet change.
//
// The signature (X-Labcms-Signature: t=<unix seconds>,v1=<HMAC-SHA256>) is checked in constant time over
// the raw body, and a timestamp more than five minutes from this server's clock is refused: 401 either way.
// Then every affected path is revalidated, with and without its trailing slash, and so is the
// "cms:path:<path>" tag that src/lib/pages.tsx puts on page lookups. A site-wide change (the home page,
// the lab's settings: the header and footer of every page) drops the whole "cms" data cache.

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const MAX_BODY_BYTES = 1_048_576;
const NO_STORE = { "cache-control": "no-store" };

function answer(status: number, body: Record<string, unknown>) {
  return NextResponse.json(body, { status, headers: NO_STORE });
}

export async function POST(request: NextRequest) {
  const secret = process.env.REVALIDATE_SECRET;
  if (!secret) {
    console.error("POST /api/revalidate: REVALIDATE_SECRET is not set; refusing every webhook.");
    return answer(500, { error: "Revalidation is not configured." });
  }
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) {
    return answer(413, { error: "Payload too large." });
  }
  const body = Buffer.from(await request.arrayBuffer());
  if (body.length > MAX_BODY_BYTES) return answer(413, { error: "Payload too large." });

  const verification = verifyWebhookSignature({ secret, header: request.headers.get(SIGNATURE_HEADER), body });
  if (!verification.ok) return answer(401, { error: `Invalid signature: ${verification.reason}.` });

  let payload: WebhookPayload;
  try {
    payload = JSON.parse(body.toString("utf8")) as WebhookPayload;
  } catch {
    return answer(400, { error: "The body is not JSON." });
  }

  const paths = pathsToRevalidate(payload);
  for (const path of paths) {
    revalidatePath(path);
    if (path.length > 1 && path.endsWith("/")) revalidatePath(path.slice(0, -1));
    revalidateTag(`cms:path:${path}`);
  }
  const siteWide = payload.site_wide === true;
  if (siteWide) revalidateTag("cms");

  return answer(200, { revalidated: paths, siteWide, event: payload.event ?? null });
}
