import Link from "next/link";

import { StreamField } from "@/components/blocks/StreamField";
import { GitHubStars } from "@/components/GitHubStars";
import { NewsList } from "@/components/NewsList";
import { Pagination } from "@/components/Pagination";
import { ProjectCard } from "@/components/ProjectCard";
import { ProjectLinks } from "@/components/ProjectLinks";
import { AllPublicationsLink, PublicationList } from "@/components/PublicationList";
import { ResearchAreaLinks } from "@/components/ResearchAreaLinks";
import { RichText } from "@/components/RichText";
import {
  NewsItemListDocument,
  ProjectIndexPageDataDocument,
  ProjectListDocument,
  ProjectPageDataDocument,
  ResearchAreasDocument,
} from "@/gql/graphql";
import { fetchGraphQL } from "@/lib/cms";
import { pageHref, plural } from "@/lib/format";
import { choiceParam, hrefWith, pageParam, slugParam } from "@/lib/search-params";

import { definePageType } from "./define";

const PER_PAGE = 24;

// `code`: yes / no -> `projects(hasCode:)`. `order`: the API's project orders the listing offers.
const CODE_CHOICES = ["yes", "no"] as const;
const ORDERS = [
  { value: "title", label: "Name" },
  { value: "-year", label: "Newest" },
  { value: "-github_stars", label: "Most starred" },
] as const;
const ORDER_VALUES = ORDERS.map((order) => order.value);

export const projectIndexPage = definePageType({
  typename: "ProjectIndexPage",
  document: ProjectIndexPageDataDocument,
  async View({ page, searchParams }) {
    const path = pageHref(page.url) ?? "/projects/";
    const filters = {
      area: slugParam(searchParams, "area"),
      code: choiceParam(searchParams, "code", CODE_CHOICES),
      order: choiceParam(searchParams, "order", ORDER_VALUES),
    };
    const [{ projects }, { researchAreas }] = await Promise.all([
      fetchGraphQL(ProjectListDocument, {
        page: pageParam(searchParams),
        perPage: PER_PAGE,
        researchArea: filters.area,
        hasCode: filters.code === undefined ? undefined : filters.code === "yes",
        order: filters.order,
      }),
      fetchGraphQL(ResearchAreasDocument, {}),
    ]);
    const filtered = Boolean(filters.area || filters.code);
    return (
      <div className="page page-wide">
        <header className="page-header">
          <h1>{page.title}</h1>
          <RichText html={page.intro} className="lead" />
        </header>

        <form className="filters" method="get" action={path} aria-label="Filter projects">
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
            Code{" "}
            <select name="code" defaultValue={filters.code ?? ""}>
              <option value="">Any</option>
              <option value="yes">With code</option>
              <option value="no">Without code</option>
            </select>
          </label>
          <label>
            Sort by{" "}
            <select name="order" defaultValue={filters.order ?? ""}>
              {ORDERS.map((order) => (
                <option key={order.value} value={order.value === "title" ? "" : order.value}>
                  {order.label}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">Filter</button>
          {filtered || filters.order ? <Link href={path}>Clear filters</Link> : null}
        </form>

        <p className="results-summary" role="status">
          {plural(projects.pagination.total, "project")}
        </p>
        {projects.items.length ? (
          <div className="card-grid">
            {projects.items.map((project) => (
              <ProjectCard key={project.id ?? project.shortName} project={project} />
            ))}
          </div>
        ) : (
          <p>No projects match these filters.</p>
        )}
        <Pagination
          pagination={projects.pagination}
          path={path}
          params={filters}
          label="Project pages"
          words={{ prev: "← Previous", next: "Next →" }}
        />
      </div>
    );
  },
});

export const projectPage = definePageType({
  typename: "ProjectPage",
  document: ProjectPageDataDocument,
  async View({ page }) {
    // News about the project (`newsItems(project:)` takes the short name).
    const { newsItems } = await fetchGraphQL(NewsItemListDocument, { project: page.shortName, perPage: 5 });
    return (
      <article className="page article project">
        <header className="page-header">
          {page.shortName !== page.title ? <p className="eyebrow">{page.shortName}</p> : null}
          <h1>{page.title}</h1>
          {page.links.length || page.githubUrl ? (
            <div className="project-actions">
              <ProjectLinks links={page.links} />
              <GitHubStars url={page.githubUrl} stars={page.githubStars} />
            </div>
          ) : null}
          {page.summary ? <p className="lead">{page.summary}</p> : null}
          <ResearchAreaLinks areas={page.researchAreas} />
        </header>

        <StreamField blocks={page.body} />

        {page.publications.length ? (
          <section className="section" aria-labelledby="project-publications">
            <h2 id="project-publications">Publications</h2>
            <PublicationList publications={page.publications} />
            <AllPublicationsLink shown={page.publications.length} filter={{ project: page.shortName }} />
          </section>
        ) : null}

        {newsItems.items.length ? (
          <section className="section" aria-labelledby="project-news">
            <h2 id="project-news">News</h2>
            <NewsList items={newsItems.items} />
            {newsItems.pagination.totalPages > 1 ? (
              <p>
                <Link href={hrefWith("/news/", { project: page.shortName })}>All {page.shortName} news →</Link>
              </p>
            ) : null}
          </section>
        ) : null}

        <p>
          <Link href="/projects/">← All projects</Link>
        </p>
      </article>
    );
  },
});
