import { cookies } from "next/headers";
import { NextResponse } from "next/server";

// Leaves preview: deletes the draft-mode cookie /api/preview scoped to /preview, then goes home.

export const dynamic = "force-dynamic";

export async function GET() {
  const development = process.env.NODE_ENV === "development";
  (await cookies()).set({
    name: "__prerender_bypass",
    value: "",
    httpOnly: true,
    sameSite: development ? "lax" : "none",
    secure: !development,
    path: "/preview",
    expires: new Date(0),
  });
  return new NextResponse(null, { status: 307, headers: { location: "/", "cache-control": "no-store" } });
}
