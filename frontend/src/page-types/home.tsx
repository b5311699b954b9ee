import Link from "next/link";

import { CompetitionAwardList, HonorList } from "@/components/Awards";
import { BlogPostCard } from "@/components/BlogPostCard";
import { CmsImage, IMAGE_SIZES } from "@/components/CmsImage";
import { StreamField } from "@/components/blocks/StreamField";
import { GitHubStars } from "@/components/GitHubStars";
import { CourseCard } from "@/components/CourseCard";
import { ContactDetails, Recruiting } from "@/components/LabContact";
import { NewsList } from "@/components/NewsList";
import { ResearchAreaCard } from "@/components/ResearchAreaCard";
import { RichText } from "@/components/RichText";
import {
  BlogPostListDocument,
  CoursesDocument,
  HomePageDataDocument,
  NewsItemListDocument,
  type HomePageFieldsFragment,
} from "@/gql/graphql";
import { fetchGraphQL } from "@/lib/cms";
import { pageHref } from "@/lib/format";
import { getSiteInfo } from "@/lib/site";

import { definePageType } from "./define";

// The home page's sections, in the order of the lab's homepage: the lab and its head (About),
// recent work, research interests, teaching, industry impact, open source (shown even before star
// counts are fetched, saying so), the head's honors, student and team awards, competition awards,
// news with their text and links, contact and recruiting; then the editors' own blocks and the blog.
// Other sections are left out when empty. Everything but news, blog posts, courses and the lab
// settings comes with the page (HomePageData, so a preview shows the draft's sections); those are
// side queries, cached like the page.

export const homePage = definePageType({
  typename: "HomePage",
  document: HomePageDataDocument,
  async View({ page }) {
    const [news, posts, courses, site] = await Promise.all([
      fetchGraphQL(NewsItemListDocument, { perPage: 10 }),
      fetchGraphQL(BlogPostListDocument, { perPage: 3 }),
      fetchGraphQL(CoursesDocument, {}),
      getSiteInfo(),
    ]);
    const settings = site.settings;
    return (
      <div className="home">
        <section className="hero" aria-labelledby="hero-title">
          <div className="hero-text">
            <h1 id="hero-title">{page.labName}</h1>
            {page.tagline ? <p className="lead">{page.tagline}</p> : null}
          </div>
          {page.heroImage ? (
            <CmsImage image={page.heroImage} sizes={IMAGE_SIZES.hero} className="hero-image" priority />
          ) : null}
        </section>

        <Profile page={page} />

        {page.recentWork.length ? (
          <section className="section" aria-labelledby="recent-work-title">
            <h2 id="recent-work-title">Recent work</h2>
            <div className="themes">
              {page.recentWork.map((theme, index) => (
                <section key={theme.id ?? index} className="theme card" aria-labelledby={`theme-${index}`}>
                  <h3 id={`theme-${index}`}>{theme.label}</h3>
                  <RichText html={theme.text} />
                  {theme.projects.length ? (
                    <ul className="tags" aria-label={`${theme.label} projects`}>
                      {theme.projects.map((project, projectIndex) => {
                        const href = pageHref(project.url);
                        const name = project.__typename === "ProjectPage" ? project.shortName : project.title;
                        return (
                          <li key={project.url ?? projectIndex}>{href ? <Link href={href}>{name}</Link> : name}</li>
                        );
                      })}
                    </ul>
                  ) : null}
                </section>
              ))}
            </div>
            <p>
              <Link href="/projects/">All projects →</Link>
            </p>
          </section>
        ) : null}

        {page.featuredResearchAreas.length ? (
          <section className="section" aria-labelledby="research-title">
            <h2 id="research-title">Research interests</h2>
            <div className="card-grid">
              {page.featuredResearchAreas.map((area) => (
                <ResearchAreaCard key={area.slug} area={area} headingLevel={3} />
              ))}
            </div>
          </section>
        ) : null}

        {courses.courses.length ? (
          <section className="section" aria-labelledby="teaching-title">
            <h2 id="teaching-title">Teaching</h2>
            <div className="card-grid">
              {courses.courses.map((course) => (
                <CourseCard key={course.code} course={course} headingLevel={3} />
              ))}
            </div>
          </section>
        ) : null}

        {page.industryPartners.length ? (
          <section className="section" aria-labelledby="partners-title">
            <h2 id="partners-title">Industry impact</h2>
            {settings?.industryImpactIntro ? <p>{settings.industryImpactIntro}</p> : null}
            <ul className="partner-list">
              {page.industryPartners.map((partner, index) => (
                <li key={partner.id ?? index} className="partner">
                  {partner.url ? (
                    <a href={partner.url} rel="noopener">
                      <strong>{partner.name}</strong>
                    </a>
                  ) : (
                    <strong>{partner.name}</strong>
                  )}
                  {partner.products ? <span className="partner-products"> {partner.products}</span> : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        <section className="section" aria-labelledby="open-source-title">
          <h2 id="open-source-title">Open source projects with over 1K GitHub stars</h2>
          {page.openSourceProjects.length ? (
            <ul className="open-source-list">
              {page.openSourceProjects.map((project) => {
                const href = pageHref(project.url);
                return (
                  <li key={project.shortName}>
                    {href ? <Link href={href}>{project.shortName}</Link> : project.shortName}{" "}
                    <GitHubStars url={project.githubUrl} stars={project.githubStars} />
                  </li>
                );
              })}
            </ul>
          ) : (
            <p className="meta">
              GitHub star counts have not been fetched yet, so no project is listed here. See{" "}
              <Link href="/projects/">all projects</Link>.
            </p>
          )}
        </section>

        {page.leadHonors.length ? (
          <section className="section" aria-labelledby="honors-title">
            <h2 id="honors-title">Honors and awards</h2>
            <HonorList honors={page.leadHonors} visible={20} />
          </section>
        ) : null}

        {page.memberHonors.length ? (
          <section className="section" aria-labelledby="member-honors-title">
            <h2 id="member-honors-title">Student and team awards</h2>
            <HonorList honors={page.memberHonors} />
          </section>
        ) : null}

        {page.competitionAwards.length ? (
          <section className="section" aria-labelledby="competitions-title">
            <h2 id="competitions-title">Competition awards</h2>
            <CompetitionAwardList awards={page.competitionAwards} />
          </section>
        ) : null}

        {news.newsItems.items.length ? (
          <section className="section" aria-labelledby="news-title">
            <h2 id="news-title">News</h2>
            <NewsList items={news.newsItems.items} />
            <p>
              <Link href="/news/">All news →</Link>
            </p>
          </section>
        ) : null}

        {settings ? (
          <section className="section join" aria-labelledby="contact-title">
            <h2 id="contact-title">Contact</h2>
            <ContactDetails settings={settings} />
            <Recruiting settings={settings} />
          </section>
        ) : null}

        {page.body.length ? (
          <section className="section">
            <StreamField blocks={page.body} />
          </section>
        ) : null}

        {posts.blogPosts.items.length ? (
          <section className="section" aria-labelledby="blog-title">
            <h2 id="blog-title">From the blog</h2>
            <div className="card-grid">
              {posts.blogPosts.items.map((post) => (
                <BlogPostCard key={post.id ?? post.url} post={post} headingLevel={3} />
              ))}
            </div>
            <p>
              <Link href="/blog/">All posts →</Link>
            </p>
          </section>
        ) : null}
      </div>
    );
  },
});

/** The lab's head: photo, name, title, and the About text. */
function Profile({ page }: { page: HomePageFieldsFragment }) {
  if (!page.profileName && !page.about) return null;
  return (
    <section className="section profile" aria-labelledby="about-title">
      {page.profilePhoto ? (
        <CmsImage image={page.profilePhoto} sizes="10rem" alt={page.profileName || undefined} className="profile-photo" />
      ) : null}
      <div>
        <h2 id="about-title">{page.profileName || "About"}</h2>
        {page.profileTitle ? <p className="meta">{page.profileTitle}</p> : null}
        <RichText html={page.about} />
      </div>
    </section>
  );
}
