// Search parameters are untrusted input. The API refuses out-of-range values with an error, so a
// value that cannot be valid is dropped here and the listing shows unfiltered results instead.

export type SearchParams = Record<string, string | string[] | undefined>;

export function first(params: SearchParams, key: string): string | undefined {
  const value = params[key];
  return Array.isArray(value) ? value[0] : value;
}

/** A 1-based page number, at most `max`. */
export function pageParam(params: SearchParams, max = 1000): number {
  const value = first(params, "page");
  if (!value || !/^\d{1,5}$/.test(value)) return 1;
  const page = Number(value);
  return page >= 1 && page <= max ? page : 1;
}

/** A slug such as a research area's. */
export function slugParam(params: SearchParams, key: string): string | undefined {
  const value = first(params, key)?.trim();
  return value && /^[-\w]{1,100}$/u.test(value) ? value : undefined;
}

/** Free text such as a tag. */
export function textParam(params: SearchParams, key: string, maxLength = 100): string | undefined {
  const value = first(params, key)?.trim();
  return value && value.length <= maxLength ? value : undefined;
}

export function yearParam(params: SearchParams, key = "year"): number | undefined {
  const value = first(params, key);
  if (!value || !/^\d{4}$/.test(value)) return undefined;
  const year = Number(value);
  return year >= 1900 && year <= 2200 ? year : undefined;
}

export function choiceParam<T extends string>(
  params: SearchParams,
  key: string,
  choices: readonly T[],
): T | undefined {
  const value = first(params, key);
  return choices.find((choice) => choice === value);
}

/** `path` with the given parameters; empty values and page 1 are left out. */
export function hrefWith(path: string, params: Record<string, string | number | undefined | null>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "") continue;
    if (key === "page" && Number(value) === 1) continue;
    query.set(key, String(value));
  }
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}
