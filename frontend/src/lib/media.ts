import { CMS_MEDIA_ORIGIN, cmsPublicOrigin } from "./config";

/** An image or document URL from the CMS, moved to CMS_MEDIA_ORIGIN when that is set. */
export function mediaUrl(url: string): string {
  if (url.startsWith("/") && !url.startsWith("//")) return cmsPublicOrigin() + url;
  if (!CMS_MEDIA_ORIGIN) return url;
  try {
    const parsed = new URL(url);
    return CMS_MEDIA_ORIGIN + parsed.pathname + parsed.search;
  } catch {
    return url;
  }
}

export interface SrcSetCandidate {
  url: string;
  width: number;
}

/**
 * Candidates of the API's `srcSet` ("url 480w, url 800w"), media URLs rewritten, sorted by width.
 * Wagtail never upscales, so a small image yields several renditions of the same width; only the
 * first of each width is kept.
 */
export function parseSrcSet(srcSet: string | null | undefined): SrcSetCandidate[] {
  if (!srcSet) return [];
  const byWidth = new Map<number, string>();
  for (const part of srcSet.split(/,\s+/)) {
    const [url, descriptor] = part.trim().split(/\s+/);
    const width = descriptor?.endsWith("w") ? Number.parseInt(descriptor, 10) : Number.NaN;
    if (url && Number.isFinite(width) && !byWidth.has(width)) byWidth.set(width, mediaUrl(url));
  }
  return [...byWidth.entries()].sort(([a], [b]) => a - b).map(([width, url]) => ({ url, width }));
}

/** Rich text HTML with CMS-relative links (documents) made absolute to the CMS. */
export function rewriteCmsLinks(html: string): string {
  return html.replace(/(\s(?:href|src)=")(\/(?:documents|media)\/)/g, (_match, attribute: string, path: string) => {
    return attribute + cmsPublicOrigin() + path;
  });
}
