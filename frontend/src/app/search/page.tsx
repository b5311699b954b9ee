import type { Metadata } from "next";
import Link from "next/link";

import { DateText } from "@/components/DateText";
import { Pagination } from "@/components/Pagination";
import { sanitize } from "@/components/sanitize.mjs";
import { SiteSearchDocument, type SiteSearchQuery } from "@/gql/graphql";
import { CmsError, fetchGraphQL } from "@/lib/cms";
import { pageHref, plural } from "@/lib/format";
import { newsKindLabel } from "@/lib/news";
import { roleLabel } from "@/lib/people";
import { MAX_QUERY_CHARS, SEARCH_TYPES, SEARCH_TYPE_VALUES, searchTypeLabel } from "@/lib/search";
import { choiceParam, first, pageParam, type SearchParams } from "@/lib/search-params";

// /search/?q=<words>&type=<one of SEARCH_TYPES>&page=<n>: the CMS's `siteSearch`, best match first.
// Not a CMS page: the route is the frontend's own, and a results page is never indexed.

const PATH = "/search/";
const PER_PAGE = 10;

interface Props {
  searchParams: Promise<SearchParams>;
}

function parse(params: SearchParams) {
  return {
    // The API refuses a query over its limit; a longer one is cut rather than refused.
    q: first(params, "q")?.trim().slice(0, MAX_QUERY_CHARS).trim() || undefined,
    type: choiceParam(params, "type", SEARCH_TYPE_VALUES),
    page: pageParam(params),
  };
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { q } = parse(await searchParams);
  return {
    title: q ? `Search: ${q}` : "Search",
    robots: { index: false, follow: true },
  };
}

type Hit = SiteSearchQuery["siteSearch"]["items"][number];
type Outcome = { ok: true; results: SiteSearchQuery["siteSearch"] } | { ok: false; message: string } | null;

async function search(q: string | undefined, type: string | undefined, page: number): Promise<Outcome> {
  if (!q) return null;
  try {
    const { siteSearch } = await fetchGraphQL(SiteSearchDocument, { query: q, type, page, perPage: PER_PAGE });
    return { ok: true, results: siteSearch };
  } catch (error) {
    // The API's refusals (e.g. a query it finds too long) are shown; anything else is a 500.
    if (error instanceof CmsError) return { ok: false, message: error.message };
    throw error;
  }
}

export default async function SearchRoute({ searchParams }: Props) {
  const { q, type, page } = parse(await searchParams);
  const outcome = await search(q, type, page);
  return (
    <div className="page search-page">
      <header className="page-header">
        <h1>Search</h1>
      </header>

      <form className="filters search-form" method="get" action={PATH} role="search" aria-label="Search the site">
        <label className="search-query">
          Words{" "}
          <input type="search" name="q" defaultValue={q ?? ""} maxLength={MAX_QUERY_CHARS} required />
        </label>
        <label>
          Only{" "}
          <select name="type" defaultValue={type ?? ""}>
            <option value="">Everything</option>
            {SEARCH_TYPES.map((item) => (
              <option key={item.value} value={item.value}>
                {item.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Search</button>
      </form>

      {outcome === null ? <p className="results-summary">Type a word or two, e.g. a project, a person or a topic.</p> : null}
      {outcome && !outcome.ok ? (
        <p className="results-summary" role="alert">
          The search could not be run: {outcome.message}
        </p>
      ) : null}
      {outcome?.ok ? (
        <>
          <p className="results-summary" role="status">
            {plural(outcome.results.pagination.total, "result")} for <strong>{q}</strong>
            {type ? <> in {SEARCH_TYPES.find((item) => item.value === type)?.label.toLowerCase()}</> : null}
          </p>
          {outcome.results.items.length ? (
            <ol className="search-results" start={(outcome.results.pagination.currentPage - 1) * PER_PAGE + 1}>
              {outcome.results.items.map((hit, index) => (
                <SearchHit key={`${hit.type}-${hit.url ?? hit.title}-${index}`} hit={hit} />
              ))}
            </ol>
          ) : (
            <p>
              Nothing matches{type ? " in this section" : ""}.{" "}
              {type ? <Link href={`${PATH}?q=${encodeURIComponent(q ?? "")}`}>Search everything</Link> : null}
            </p>
          )}
          <Pagination
            pagination={outcome.results.pagination}
            path={PATH}
            params={{ q, type }}
            label="Search result pages"
            words={{ prev: "← Previous", next: "Next →" }}
          />
        </>
      ) : null}
    </div>
  );
}

function SearchHit({ hit }: { hit: Hit }) {
  const href = pageHref(hit.url) ?? hit.externalUrl;
  const external = !pageHref(hit.url) && Boolean(hit.externalUrl);
  return (
    <li className="search-hit">
      <p className="meta">
        <span className="badge">{searchTypeLabel(hit.type)}</span> <HitDetails hit={hit} />
      </p>
      <p className="search-hit-title">
        {href ? (
          external ? (
            <a href={href} rel="noopener">
              {hit.title}
            </a>
          ) : (
            <Link href={href}>{hit.title}</Link>
          )
        ) : (
          hit.title
        )}
      </p>
      {/*
        The snippet is HTML, and the only markup in it is <mark>: graphql_api/search.py (`highlight`)
        cuts the excerpt from plain text and passes every piece of it through Python's
        `html.escape`, wrapping only the matched words, themselves escaped, in <mark>...</mark>;
        docs/scholarly.md ("Snippet") documents it as "HTML-escaped, with each matching word in
        <mark>", and tests/search/test_site_search.py checks that markup in the text comes out
        escaped. It is cleaned here too (only <mark> kept), so the page does not depend on the API for its safety.
      */}
      {hit.snippet ? <p className="search-snippet" dangerouslySetInnerHTML={{ __html: sanitize(hit.snippet, "snippet") }} /> : null}
      {hit.externalUrl && !external ? (
        <p className="meta">
          <a href={hit.externalUrl} rel="noopener">
            Video, slides or event page
          </a>
        </p>
      ) : null}
    </li>
  );
}

function HitDetails({ hit }: { hit: Hit }) {
  const page = hit.page;
  if (!page) return null;
  switch (page.__typename) {
    case "ProjectPage":
      return (
        <>
          {page.shortName !== hit.title ? page.shortName : null}
          {page.year ? `${page.shortName !== hit.title ? " · " : ""}${page.year}` : null}
        </>
      );
    case "PersonPage":
      return <>{`${roleLabel(page.role)}${page.status === "alumni" ? " (alumni)" : ""}`}</>;
    case "BlogPostPage":
      return <DateText date={page.date} />;
    case "NewsPage":
      return (
        <>
          <DateText date={page.date} /> · {newsKindLabel(page.kind)}
        </>
      );
    default:
      return null;
  }
}
