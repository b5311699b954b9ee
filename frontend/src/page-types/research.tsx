import Link from "next/link";

import { BlogPostCard } from "@/components/BlogPostCard";
import { CmsImage, IMAGE_SIZES } from "@/components/CmsImage";
import { StreamField } from "@/components/blocks/StreamField";
import { NewsList } from "@/components/NewsList";
import { ProjectCard } from "@/components/ProjectCard";
import { ResearchAreaCard } from "@/components/ResearchAreaCard";
import { RichText } from "@/components/RichText";
import {
  BlogPostListDocument,
  NewsItemListDocument,
  ProjectListDocument,
  ResearchAreaIndexPageDataDocument,
  ResearchAreaPageDataDocument,
  ResearchAreasDocument,
} from "@/gql/graphql";
import { fetchGraphQL } from "@/lib/cms";
import { hrefWith } from "@/lib/search-params";

import { definePageType } from "./define";

export const researchAreaIndexPage = definePageType({
  typename: "ResearchAreaIndexPage",
  document: ResearchAreaIndexPageDataDocument,
  async View({ page }) {
    const { researchAreas } = await fetchGraphQL(ResearchAreasDocument, {});
    return (
      <article className="page">
        <header className="page-header">
          <h1>{page.title}</h1>
          <RichText html={page.intro} className="lead" />
        </header>
        <div className="card-grid">
          {researchAreas.map((area) => (
            <ResearchAreaCard key={area.slug} area={area} />
          ))}
        </div>
      </article>
    );
  },
});

export const researchAreaPage = definePageType({
  typename: "ResearchAreaPage",
  document: ResearchAreaPageDataDocument,
  async View({ page }) {
    const [projects, posts, news] = await Promise.all([
      fetchGraphQL(ProjectListDocument, { researchArea: page.slug, perPage: 48, order: "-year" }),
      fetchGraphQL(BlogPostListDocument, { researchArea: page.slug, perPage: 6 }),
      fetchGraphQL(NewsItemListDocument, { researchArea: page.slug, perPage: 5 }),
    ]);
    return (
      <article className="page page-wide area">
        <header className="page-header">
          <h1>{page.title}</h1>
          {page.summary ? <p className="lead">{page.summary}</p> : null}
        </header>
        {page.image ? <CmsImage image={page.image} sizes={IMAGE_SIZES.hero} className="page-image" priority /> : null}
        <StreamField blocks={page.body} />

        {projects.projects.items.length ? (
          <section className="section" aria-labelledby="area-projects">
            <h2 id="area-projects">Projects</h2>
            <div className="card-grid">
              {projects.projects.items.map((project) => (
                <ProjectCard key={project.id ?? project.shortName} project={project} headingLevel={3} />
              ))}
            </div>
          </section>
        ) : null}

        {posts.blogPosts.items.length ? (
          <section className="section" aria-labelledby="area-posts">
            <h2 id="area-posts">Blog posts</h2>
            <div className="card-grid">
              {posts.blogPosts.items.map((post) => (
                <BlogPostCard key={post.id ?? post.url} post={post} headingLevel={3} />
              ))}
            </div>
            {posts.blogPosts.pagination.totalPages > 1 ? (
              <p>
                <Link href={hrefWith("/blog/", { area: page.slug })}>All {page.title} posts →</Link>
              </p>
            ) : null}
          </section>
        ) : null}

        {news.newsItems.items.length ? (
          <section className="section" aria-labelledby="area-news">
            <h2 id="area-news">News</h2>
            <NewsList items={news.newsItems.items} />
            {news.newsItems.pagination.totalPages > 1 ? (
              <p>
                <Link href={hrefWith("/news/", { area: page.slug })}>All {page.title} news →</Link>
              </p>
            ) : null}
          </section>
        ) : null}
      </article>
    );
  },
});
