import Link from "next/link";

import type { PublicationCardFieldsFragment } from "@/gql/graphql";
import { pageHref } from "@/lib/format";

import { ProjectLinks } from "./ProjectLinks";

const STATUS_LABELS: Record<string, string> = { in_submission: "In submission", to_appear: "To appear" };

/** The venue badge: "NeurIPS 2025", "To appear · ASPLOS 2026", or "In submission" (never a venue). */
export function VenueBadge({ publication }: { publication: PublicationCardFieldsFragment }) {
  const venue = publication.venueShort || publication.venueName;
  const status = STATUS_LABELS[publication.status];
  const text = [status, venue].filter(Boolean).join(" · ");
  return text ? <span className={`venue-badge venue-${publication.venueKind}`}>{text}</span> : null;
}

/** The byline: lab members linked and highlighted, * for equal contribution, † for corresponding. */
export function Byline({ authors }: { authors: PublicationCardFieldsFragment["authors"] }) {
  if (!authors.length) return null;
  return (
    <p className="byline">
      {authors.map((author, index) => {
        const href = pageHref(author.person?.url);
        const name = author.person?.name ?? author.name;
        return (
          <span key={`${name}-${index}`}>
            {index ? ", " : null}
            {href ? (
              <Link href={href} className="lab-member">
                {name}
              </Link>
            ) : (
              name
            )}
            {author.equalContribution ? <sup title="Equal contribution">*</sup> : null}
            {author.corresponding ? <sup title="Corresponding author">†</sup> : null}
          </span>
        );
      })}
    </p>
  );
}

/** A publication's links as buttons: its own, then its arXiv and DOI pages. */
export function publicationLinks(publication: Pick<PublicationCardFieldsFragment, "links" | "arxivUrl" | "doiUrl">) {
  return [
    ...publication.links.map(({ kind, url }) => ({ kind, url })),
    ...(publication.arxivUrl ? [{ kind: "arXiv", url: publication.arxivUrl }] : []),
    ...(publication.doiUrl ? [{ kind: "DOI", url: publication.doiUrl }] : []),
  ];
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
            <details className="citation">
              <summary>Cite (BibTeX)</summary>
              <pre className="bibtex" tabIndex={0} aria-label={`BibTeX for ${publication.title}`}>
                <code>{publication.citationBibtex.trim()}</code>
              </pre>
            </details>
          </li>
        );
      })}
    </ol>
  );
}
