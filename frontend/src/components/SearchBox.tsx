import { MAX_QUERY_CHARS } from "@/lib/search";

/** The header's search box: a plain GET form to /search/, so it works without JavaScript. */
export function SearchBox() {
  return (
    <form className="search-box" method="get" action="/search/" role="search" aria-label="Site search">
      <label htmlFor="site-search" className="visually-hidden">
        Search
      </label>
      <input id="site-search" type="search" name="q" placeholder="Search" maxLength={MAX_QUERY_CHARS} required />
      <button type="submit">Search</button>
    </form>
  );
}
