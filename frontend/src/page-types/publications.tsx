import Link from "next/link";

import { Pagination } from "@/components/Pagination";
import { ProjectLinks } from "@/components/ProjectLinks";
import { Byline } from "@/components/Byline";
import { CitationText } from "@/components/CitationText";
import { PublicationList, publicationLinks, VenueBadge } from "@/components/PublicationList";
import { ResearchAreaLinks } from "@/components/ResearchAreaLinks";
import { RichText } from "@/components/RichText";
import {
  PeopleDocument,
  ProjectShortNamesDocument,
  PublicationIndexPageDataDocument,
  PublicationListDocument,
  PublicationPageDataDocument,
} from "@/gql/graphql";
import { fetchGraphQL } from "@/lib/cms";
import { pageHref, plural } from "@/lib/format";
import { choiceParam, pageParam, slugParam, textParam, yearParam } from "@/lib/search-params";

import { definePageType } from "./define";

const PER_PAGE = 25;
const KINDS = ["conference", "journal", "workshop", "preprint", "thesis", "book"] as const;

export const publicationIndexPage = definePageType({
  typename: "PublicationIndexPage",
  document: PublicationIndexPageDataDocument,
  async View({ page, searchParams }) {
    const path = pageHref(page.url) ?? "/publications/";
    const filters = {
      year: yearParam(searchParams),
      project: textParam(searchParams, "project", 60),
      person: slugParam(searchParams, "person"),
      venue: textParam(searchParams, "venue", 60),
      kind: choiceParam(searchParams, "kind", KINDS),
      search: textParam(searchParams, "q", 100),
    };
    const [{ publications }, { projects }, { people }] = await Promise.all([
      fetchGraphQL(PublicationListDocument, { ...filters, page: pageParam(searchParams), perPage: PER_PAGE }),
      fetchGraphQL(ProjectShortNamesDocument, {}),
      fetchGraphQL(PeopleDocument, {}),
    ]);
    const filtered = Object.values(filters).some((value) => value !== undefined);
    return (
      <div className="page page-wide">
        <header className="page-header">
          <h1>{page.title}</h1>
          <RichText html={page.intro} className="lead" />
        </header>
        <form className="filters" method="get" action={path} aria-label="Filter publications">
          <label>
            Search <input type="search" name="q" defaultValue={filters.search ?? ""} />
          </label>
          <label>
            Year <input type="number" name="year" min={1900} max={2200} defaultValue={filters.year ?? ""} />
          </label>
          <label>
            Venue <input type="text" name="venue" defaultValue={filters.venue ?? ""} />
          </label>
          <label>
            Kind{" "}
            <select name="kind" defaultValue={filters.kind ?? ""}>
              <option value="">Any</option>
              {KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {kind}
                </option>
              ))}
            </select>
          </label>
          <label>
            Person{" "}
            <select name="person" defaultValue={filters.person ?? ""}>
              <option value="">Anyone</option>
              {people.map((person) => {
                const slug = pageHref(person.url)?.split("/").filter(Boolean).pop();
                return slug ? (
                  <option key={slug} value={slug}>
                    {person.name}
                  </option>
                ) : null;
              })}
            </select>
          </label>
          <label>
            Project <input type="text" name="project" defaultValue={filters.project ?? ""} list="project-names" />
            <datalist id="project-names">
              {projects.items.map((project) => (
                <option key={project.shortName} value={project.shortName} />
              ))}
            </datalist>
          </label>
          <button type="submit">Filter</button>
          {filtered ? <Link href={path}>Clear filters</Link> : null}
        </form>
        <p className="results-summary" role="status">
          {plural(publications.pagination.total, "publication")}
        </p>
        {publications.items.length ? (
          <PublicationList publications={publications.items} />
        ) : (
          <p>No publications match these filters.</p>
        )}
        <Pagination
          pagination={publications.pagination}
          path={path}
          params={filters}
          label="Publication pages"
          words={{ prev: "← Previous", next: "Next →" }}
        />
      </div>
    );
  },
});

export const publicationPage = definePageType({
  typename: "PublicationPage",
  document: PublicationPageDataDocument,
  async View({ page }) {
    return (
      <article className="page article publication">
        <header className="page-header">
          <h1>{page.title}</h1>
          <Byline authors={page.authors} footnote />
          <p className="meta">
            <VenueBadge publication={page} />
            {page.awards.map((award) => (
              <span key={award.kind + award.label} className="award-badge">
                {award.label}
              </span>
            ))}
            {page.citationCount !== null && page.citationCount !== undefined ? (
              <span className="meta"> · {plural(page.citationCount, "citation")}</span>
            ) : null}
          </p>
          <ProjectLinks links={publicationLinks(page)} />
          <ResearchAreaLinks areas={page.researchAreas} />
        </header>
        {page.abstract ? (
          <section aria-labelledby="abstract">
            <h2 id="abstract">Abstract</h2>
            <p>{page.abstract}</p>
          </section>
        ) : null}
        {page.projects.length ? (
          <p>
            Project:{" "}
            {page.projects.map((project, index) => (
              <span key={project.shortName}>
                {index ? ", " : null}
                <Link href={pageHref(project.url) ?? "/projects/"}>{project.shortName}</Link>
              </span>
            ))}
          </p>
        ) : null}
        <section className="citation" aria-labelledby="cite">
          <h2 id="cite">Cite</h2>
          {page.formattedCitations.map((citation) => (
            <p key={citation.style}>
              <strong>{citation.style}:</strong> {citation.text}
            </p>
          ))}
          <CitationText summary="BibTeX" text={page.citationBibtex} label={`BibTeX for ${page.title}`} open />
          <CitationText summary="RIS" text={page.citationRis} label={`RIS for ${page.title}`} />
        </section>
        <p>
          <Link href="/publications/">← All publications</Link>
        </p>
      </article>
    );
  },
});
