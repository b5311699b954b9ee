import Link from "next/link";

import type { ProjectCardFieldsFragment } from "@/gql/graphql";
import { pageHref } from "@/lib/format";

import { GitHubStars } from "./GitHubStars";
import { ProjectLinks } from "./ProjectLinks";
import { ResearchAreaLinks } from "./ResearchAreaLinks";

/** "MLSys 2024", or "MLSys, 2024" when the venue does not name the year. */
export function venueWithYear(venue: string, year: number | null): string {
  if (!year) return venue;
  if (!venue) return String(year);
  return venue.includes(String(year)) ? venue : `${venue}, ${year}`;
}

/** The badge of a project's newest paper: its venue with the year, or "In submission" (a status, never a venue). */
function paperBadge(paper: ProjectCardFieldsFragment["publications"][number] | undefined): string {
  if (!paper) return "";
  if (paper.status === "in_submission") return "In submission";
  return venueWithYear(paper.venueShort, paper.year ?? null);
}

export function ProjectCard({ project, headingLevel = 2 }: { project: ProjectCardFieldsFragment; headingLevel?: 2 | 3 }) {
  const Heading = `h${headingLevel}` as const;
  const href = pageHref(project.url);
  const newestPaper = project.publications[0];
  // The title is often the short name itself (AWQ); then the newest paper's title says what it is.
  const subtitle = [project.title, newestPaper?.title].find((text) => text && text !== project.shortName);
  const venue = paperBadge(newestPaper);
  return (
    <article className="card project-card">
      <div className="card-body">
        <Heading className="card-title">{href ? <Link href={href}>{project.shortName}</Link> : project.shortName}</Heading>
        {subtitle ? <p className="project-subtitle">{subtitle}</p> : null}
        {venue || project.githubUrl ? (
          <p className="meta">
            {venue ? <span className="badge badge-venue">{venue}</span> : null}
            {venue && project.githubUrl ? " " : null}
            <GitHubStars url={project.githubUrl} stars={project.githubStars} />
          </p>
        ) : null}
        {project.summary ? <p className="project-summary">{project.summary}</p> : null}
        <ProjectLinks links={project.links} className="inline-links" />
        <ResearchAreaLinks areas={project.researchAreas} />
      </div>
    </article>
  );
}
