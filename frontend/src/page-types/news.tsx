import Link from "next/link";

import { DateText } from "@/components/DateText";
import { PartialDate } from "@/components/PartialDate";
import { StreamField } from "@/components/blocks/StreamField";
import { NewsList } from "@/components/NewsList";
import { Pagination } from "@/components/Pagination";
import { VenueBadge } from "@/components/PublicationList";
import { ResearchAreaLinks } from "@/components/ResearchAreaLinks";
import { RichText } from "@/components/RichText";
import {
  NewsIndexPageDataDocument,
  NewsItemListDocument,
  NewsPageDataDocument,
  NewsYearsDocument,
  ProjectShortNamesDocument,
  ResearchAreasDocument,
} from "@/gql/graphql";
import { fetchGraphQL } from "@/lib/cms";
import { pageHref, plural } from "@/lib/format";
import { NEWS_KINDS, newsKindLabel } from "@/lib/news";
import { choiceParam, pageParam, slugParam, textParam, yearParam } from "@/lib/search-params";

import { definePageType } from "./define";

const PER_PAGE = 20;

function yearRange(oldest: string | undefined, newest: string | undefined): number[] {
  const last = Number(newest?.slice(0, 4)) || new Date().getUTCFullYear();
  const first = Number(oldest?.slice(0, 4)) || last;
  return Array.from({ length: Math.max(0, last - first) + 1 }, (_, index) => last - index);
}

export const newsIndexPage = definePageType({
  typename: "NewsIndexPage",
  document: NewsIndexPageDataDocument,
  async View({ page, searchParams }) {
    const path = pageHref(page.url) ?? "/news/";
    // `project` is a project's short name (AWQ, "Sparse VideoGen"), as `newsItems(project:)` takes it.
    // The API answers an unknown name with no items rather than an error, so it is passed on as it is.
    const filters = {
      kind: choiceParam(searchParams, "kind", NEWS_KINDS),
      year: yearParam(searchParams),
      area: slugParam(searchParams, "area"),
      project: textParam(searchParams, "project", 40),
    };
    const [{ newsItems }, years, { researchAreas }, { projects }] = await Promise.all([
      fetchGraphQL(NewsItemListDocument, {
        page: pageParam(searchParams),
        perPage: PER_PAGE,
        kind: filters.kind,
        year: filters.year,
        researchArea: filters.area,
        project: filters.project,
      }),
      fetchGraphQL(NewsYearsDocument, {}),
      fetchGraphQL(ResearchAreasDocument, {}),
      fetchGraphQL(ProjectShortNamesDocument, {}),
    ]);
    const projectNames = projects.items
      .map((project) => project.shortName)
      .sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base" }));
    if (filters.project && !projectNames.includes(filters.project)) projectNames.unshift(filters.project);
    const filtered = Boolean(filters.kind || filters.year || filters.area || filters.project);
    return (
      <div className="page">
        <header className="page-header">
          <h1>{page.title}</h1>
          <RichText html={page.intro} className="lead" />
        </header>

        <form className="filters" method="get" action={path} aria-label="Filter news">
          <label>
            Kind{" "}
            <select name="kind" defaultValue={filters.kind ?? ""}>
              <option value="">All kinds</option>
              {NEWS_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {newsKindLabel(kind)}
                </option>
              ))}
            </select>
          </label>
          <label>
            Year{" "}
            <select name="year" defaultValue={filters.year ?? ""}>
              <option value="">All years</option>
              {yearRange(years.oldest.items[0]?.date, years.newest.items[0]?.date).map((year) => (
                <option key={year} value={year}>
                  {year}
                </option>
              ))}
            </select>
          </label>
          <label>
            Research area{" "}
            <select name="area" defaultValue={filters.area ?? ""}>
              <option value="">All areas</option>
              {researchAreas.map((area) => (
                <option key={area.slug} value={area.slug}>
                  {area.title}
                </option>
              ))}
            </select>
          </label>
          <label>
            Project{" "}
            <select name="project" defaultValue={filters.project ?? ""}>
              <option value="">All projects</option>
              {projectNames.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">Filter</button>
          {filtered ? <Link href={path}>Clear filters</Link> : null}
        </form>

        <p className="results-summary" role="status">
          {plural(newsItems.pagination.total, "item")}
          {filters.project ? (
            <>
              {" "}
              about <strong>{filters.project}</strong>
            </>
          ) : null}
        </p>
        {newsItems.items.length ? <NewsList items={newsItems.items} headingLevel={2} /> : <p>No news matches these filters.</p>}
        <Pagination pagination={newsItems.pagination} path={path} params={filters} label="News pages" />
      </div>
    );
  },
});

export const newsPage = definePageType({
  typename: "NewsPage",
  document: NewsPageDataDocument,
  View({ page }) {
    const related = page.relatedBlogPost;
    const relatedHref = pageHref(related?.url);
    const publication = page.publication;
    const publicationHref = pageHref(publication?.url);
    return (
      <article className="page article">
        <header className="page-header">
          <p className="meta">
            <PartialDate date={page.date} precision={page.datePrecision} />{" "}
            <span className={`badge badge-${page.kind}`}>{newsKindLabel(page.kind)}</span>
          </p>
          <h1>{page.title}</h1>
          <ResearchAreaLinks areas={page.researchAreas} />
        </header>
        <StreamField blocks={page.body} />
        {page.links.length ? (
          <ul className="block-link-buttons" aria-label="Links">
            {page.links.map((link) => (
              <li key={link.url}>
                <a className="button" href={link.url} rel="noopener">
                  {link.label}
                </a>
              </li>
            ))}
          </ul>
        ) : null}
        {publication && publicationHref ? (
          <aside className="card related" aria-labelledby="announced-publication">
            <div className="card-body">
              <h2 id="announced-publication" className="card-title">
                Publication: <Link href={publicationHref}>{publication.title}</Link>
              </h2>
              <p className="meta">
                <VenueBadge publication={publication} />
              </p>
            </div>
          </aside>
        ) : null}
        {related && relatedHref ? (
          <aside className="card related" aria-labelledby="related-post">
            <div className="card-body">
              <h2 id="related-post" className="card-title">
                From the blog: <Link href={relatedHref}>{related.title}</Link>
              </h2>
              <p className="meta">
                <DateText date={related.date} />
              </p>
              {related.summary ? <p>{related.summary}</p> : null}
            </div>
          </aside>
        ) : null}
        <p>
          <Link href="/news/">← All news</Link>
        </p>
      </article>
    );
  },
});
