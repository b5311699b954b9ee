import { cookies, draftMode } from "next/headers";
import { type NextRequest, NextResponse } from "next/server";

// The admin's Preview button (wagtail-headless-preview, CLIENT_URLS = <frontend>/api/preview)
// opens /api/preview/?content_type=<app.model>&token=<signed token>.
//
// This turns on Next's draft mode with its cookie narrowed to /preview, so the editor's ordinary
// browsing of the public site keeps using the cache, and redirects to the preview page. The token
// is what authorises the draft: the CMS checks its signature and expiry on every request.

export const dynamic = "force-dynamic";

const PREVIEW_PATH = "/preview";
const DRAFT_COOKIE = "__prerender_bypass";

export async function GET(request: NextRequest) {
  const token = request.nextUrl.searchParams.get("token");
  const contentType = request.nextUrl.searchParams.get("content_type") ?? "";
  if (!token || token.length > 2048) {
    return new NextResponse("A preview needs the `token` the CMS sends. Open the preview again from the admin.", {
      status: 400,
      headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
    });
  }

  (await draftMode()).enable();
  const jar = await cookies();
  const bypass = jar.get(DRAFT_COOKIE);
  if (bypass) {
    // Same cookie, same flags as Next sets it, but sent only with requests under /preview.
    const development = process.env.NODE_ENV === "development";
    jar.set({
      name: DRAFT_COOKIE,
      value: bypass.value,
      httpOnly: true,
      sameSite: development ? "lax" : "none",
      secure: !development,
      path: PREVIEW_PATH,
    });
  }

  // A relative Location keeps the browser on the host it used, where the cookie was set.
  const query = new URLSearchParams({ content_type: contentType, token });
  return new NextResponse(null, {
    status: 307,
    headers: { location: `${PREVIEW_PATH}/?${query}`, "cache-control": "no-store", "referrer-policy": "no-referrer" },
  });
}
