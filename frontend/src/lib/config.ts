// Runtime configuration, read on the server only (none of it is NEXT_PUBLIC_).

/** The CMS's GraphQL endpoint. */
export const CMS_GRAPHQL_URL = process.env.CMS_GRAPHQL_URL || "http://127.0.0.1:8000/graphql/";

/**
 * The public origin of the CMS's media and documents, e.g. https://cms.lab.example.org.
 * Unset: image URLs are used as the API returns them (absolute, from the CMS's
 * WAGTAILADMIN_BASE_URL), and relative ones (document links in rich text) get the origin of
 * CMS_GRAPHQL_URL. Set: every image URL from the API is moved to this origin, e.g. when the
 * frontend reaches the API on an internal address or media sit behind a CDN.
 */
export const CMS_MEDIA_ORIGIN = trimSlash(process.env.CMS_MEDIA_ORIGIN || "") || null;

/** Seconds a public GraphQL response stays in Next's data cache. */
export const CMS_REVALIDATE_SECONDS = positiveNumber(process.env.CMS_REVALIDATE_SECONDS, 60);

/** Milliseconds before a GraphQL request is abandoned. */
export const CMS_TIMEOUT_MS = positiveNumber(process.env.CMS_TIMEOUT_MS, 10_000);

/** Shown in the header if the CMS cannot be reached. */
export const FALLBACK_SITE_NAME = process.env.SITE_NAME || "Research Lab";

/** Origin used for relative CMS URLs (documents in rich text). */
export function cmsPublicOrigin(): string {
  if (CMS_MEDIA_ORIGIN) return CMS_MEDIA_ORIGIN;
  try {
    return new URL(CMS_GRAPHQL_URL).origin;
  } catch {
    return "";
  }
}

function trimSlash(value: string): string {
  return value.replace(/\/+$/, "");
}

function positiveNumber(value: string | undefined, fallback: number): number {
  const number = Number(value);
  return Number.isFinite(number) && number > 0 ? number : fallback;
}
