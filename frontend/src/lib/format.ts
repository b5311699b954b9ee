const dateFormat = new Intl.DateTimeFormat("en-US", {
  year: "numeric",
  month: "long",
  day: "numeric",
  timeZone: "UTC",
});

/** "2025-11-24" as "November 24, 2025", the same on every server whatever its time zone. */
export function formatDate(isoDate: string): string {
  const date = new Date(isoDate.length === 10 ? `${isoDate}T00:00:00Z` : isoDate);
  return Number.isNaN(date.getTime()) ? isoDate : dateFormat.format(date);
}

/** "/blog/some-post/" -> "/blog/": the index a page lives under. */
export function parentPath(url: string | null | undefined, fallback: string): string {
  if (!url) return fallback;
  const path = url.replace(/^[a-z]+:\/\/[^/]+/i, "");
  const parent = path.replace(/[^/]+\/?$/, "");
  return parent || fallback;
}

/** A page's path on this site from the API's `url` (relative when the CMS serves one site). */
export function pageHref(url: string | null | undefined): string | null {
  if (!url) return null;
  if (url.startsWith("/")) return url;
  try {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  } catch {
    return null;
  }
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
