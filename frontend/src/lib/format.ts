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

const monthYearFormat = new Intl.DateTimeFormat("en-US", { year: "numeric", month: "long", timeZone: "UTC" });

/**
 * A date shown only as precisely as it is known: the API's honors carry `datePrecision` ("year",
 * "month" or "day"), and a year-precision date is stored as January 1st. "2023", "March 2023",
 * "March 5, 2023".
 */
export function formatPartialDate(isoDate: string, precision: string): string {
  if (precision === "year") return isoDate.slice(0, 4);
  if (precision === "month") {
    const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
    return Number.isNaN(date.getTime()) ? isoDate.slice(0, 7) : monthYearFormat.format(date);
  }
  return formatDate(isoDate);
}

/** The `dateTime` attribute for a partial date: "2023", "2023-03" or "2023-03-05". */
export function partialDateTime(isoDate: string, precision: string): string {
  if (precision === "year") return isoDate.slice(0, 4);
  if (precision === "month") return isoDate.slice(0, 7);
  return isoDate.slice(0, 10);
}

const countFormat = new Intl.NumberFormat("en-US");

/** 12345 as "12,345". */
export function formatCount(count: number): string {
  return countFormat.format(count);
}
