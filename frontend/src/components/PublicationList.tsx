import Link from "next/link";

import type { PublicationCardFieldsFragment, PublicationRefFieldsFragment } from "@/gql/graphql";
import { pageHref } from "@/lib/format";

import { Byline } from "./Byline";
import { CitationText } from "./CitationText";
import { ProjectLinks } from "./ProjectLinks";

/** How many publications a project or person page lists: the API's default `limit` of those lists. */
const RELATED_PUBLICATIONS_SHOWN = 25;

const STATUS_LABELS: Record<string, string> = { in_submission: "In submission", to_appear: "To appear" };

/** The venue badge: "NeurIPS 2025", "To appear · ASPLOS 2026", or "In submission" (never a venue). */
export function VenueBadge({ publication }: { publication: Omit<PublicationRefFieldsFragment, "title" | "url"> }) {
  const venue = publication.venueShort || publication.venueName;
  const status = STATUS_LABELS[publication.status];
  const text = [status, venue].filter(Boolean).join(" · ");
  return text ? <span className={`venue-badge venue-${publication.venueKind}`}>{text}</span> : null;
}

/** A publication's links as buttons: its own, then its arXiv and DOI pages. */
export function publicationLinks(publication: Pick<PublicationCardFieldsFragment, "links" | "arxivUrl" | "doiUrl">) {
  return [
    ...publication.links.map(({ kind, url }) => ({ kind, url })),
    ...(publication.arxivUrl ? [{ kind: "arXiv", url: publication.arxivUrl }] : []),
    ...(publication.doiUrl ? [{ kind: "DOI", url: publication.doiUrl }] : []),
  ];
}

/** Past the publications a page lists, a link to the full list on the publications page, filtered to it. */
export function AllPublicationsLink({ shown, filter }: { shown: number; filter: Record<string, string> }) {
  if (shown < RELATED_PUBLICATIONS_SHOWN) return null;
  return (
    <p>
      <Link href={`/publications/?${new URLSearchParams(filter)}`}>All publications →</Link>
    </p>
  );
}

/** Publications as a list: title, byline, venue badge, awards, links as buttons and BibTeX to copy. */
export function PublicationList({ publications }: { publications: readonly PublicationCardFieldsFragment[] }) {
  if (!publications.length) return null;
  return (
    <ol className="publication-list">
      {publications.map((publication) => {
        const href = pageHref(publication.url);
        return (
          <li key={publication.id ?? publication.slug} className="publication">
            <p className="publication-title">{href ? <Link href={href}>{publication.title}</Link> : publication.title}</p>
            <Byline authors={publication.authors} />
            <p className="meta">
              <VenueBadge publication={publication} />
              {publication.awards.map((award) => (
                <span key={award.kind + award.label} className="award-badge">
                  {award.label}
                </span>
              ))}
            </p>
            <ProjectLinks links={publicationLinks(publication)} />
            <CitationText
              className="citation"
              summary="Cite (BibTeX)"
              text={publication.citationBibtex}
              label={`BibTeX for ${publication.title}`}
            />
          </li>
        );
      })}
    </ol>
  );
}
