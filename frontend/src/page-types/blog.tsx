import Link from "next/link";

import { BlogPostCard } from "@/components/BlogPostCard";
import { CmsImage, IMAGE_SIZES } from "@/components/CmsImage";
import { DateText } from "@/components/DateText";
import { SampleBadge } from "@/components/SampleBadge";
import { StreamField } from "@/components/blocks/StreamField";
import { Pagination } from "@/components/Pagination";
import { ResearchAreaLinks } from "@/components/ResearchAreaLinks";
import { RichText } from "@/components/RichText";
import {
  BlogIndexPageDataDocument,
  BlogPostListDocument,
  BlogPostPageDataDocument,
  ResearchAreasDocument,
} from "@/gql/graphql";
import { fetchGraphQL } from "@/lib/cms";
import { pageHref, parentPath, plural } from "@/lib/format";
import { hrefWith, pageParam, slugParam, textParam } from "@/lib/search-params";

import { definePageType } from "./define";

const PER_PAGE = 10;

export const blogIndexPage = definePageType({
  typename: "BlogIndexPage",
  document: BlogIndexPageDataDocument,
  async View({ page, searchParams }) {
    const path = pageHref(page.url) ?? "/blog/";
    const filters = { area: slugParam(searchParams, "area"), tag: textParam(searchParams, "tag") };
    const [{ blogPosts }, { researchAreas }] = await Promise.all([
      fetchGraphQL(BlogPostListDocument, {
        page: pageParam(searchParams),
        perPage: PER_PAGE,
        researchArea: filters.area,
        tag: filters.tag,
      }),
      fetchGraphQL(ResearchAreasDocument, {}),
    ]);
    const filtered = Boolean(filters.area || filters.tag);
    return (
      <div className="page">
        <header className="page-header">
          <h1>{page.title}</h1>
          <RichText html={page.intro} className="lead" />
        </header>

        <form className="filters" method="get" action={path} aria-label="Filter posts">
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
          {filters.tag ? <input type="hidden" name="tag" value={filters.tag} /> : null}
          <button type="submit">Filter</button>
          {filtered ? <Link href={path}>Clear filters</Link> : null}
        </form>

        <p className="results-summary" role="status">
          {plural(blogPosts.pagination.total, "post")}
          {filters.tag ? (
            <>
              {" "}
              tagged <strong>{filters.tag}</strong> (<Link href={hrefWith(path, { area: filters.area })}>remove tag</Link>)
            </>
          ) : null}
        </p>

        {blogPosts.items.length ? (
          <div className="post-list">
            {blogPosts.items.map((post) => (
              <BlogPostCard key={post.id ?? post.url} post={post} />
            ))}
          </div>
        ) : (
          <p>No posts match these filters.</p>
        )}
        <Pagination pagination={blogPosts.pagination} path={path} params={filters} label="Blog pages" />
      </div>
    );
  },
});

export const blogPostPage = definePageType({
  typename: "BlogPostPage",
  document: BlogPostPageDataDocument,
  View({ page }) {
    const blogPath = parentPath(pageHref(page.url), "/blog/");
    return (
      <article className="page article">
        <header className="page-header">
          <h1>
            {page.title} <SampleBadge isSample={page.isSample} />
          </h1>
          <p className="meta">
            <DateText date={page.date} />
            {page.authors.length ? (
              <>
                {" · "}
                {page.authors.map((author, index) => {
                  const href = pageHref(author.person?.url);
                  return (
                    <span key={`${author.name}-${index}`}>
                      {index > 0 ? ", " : null}
                      {href ? <Link href={href}>{author.name}</Link> : author.name}
                    </span>
                  );
                })}
              </>
            ) : null}
            {` · ${page.readingTime} min read`}
          </p>
          {page.summary ? <p className="lead">{page.summary}</p> : null}
          <ResearchAreaLinks areas={page.researchAreas} />
        </header>
        {page.heroImage ? (
          <CmsImage image={page.heroImage} sizes={IMAGE_SIZES.hero} className="page-image" priority />
        ) : null}
        <StreamField blocks={page.body} />
        {page.tags.length ? (
          <footer className="article-footer">
            <h2 className="visually-hidden">Tags</h2>
            <ul className="tags">
              {page.tags.map((tag) => (
                <li key={tag}>
                  <Link href={hrefWith(blogPath, { tag })}>{tag}</Link>
                </li>
              ))}
            </ul>
          </footer>
        ) : null}
      </article>
    );
  },
});
