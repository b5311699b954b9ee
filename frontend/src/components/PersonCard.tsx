import Link from "next/link";

import type { PersonCardFieldsFragment } from "@/gql/graphql";
import { pageHref } from "@/lib/format";
import { roleLabel } from "@/lib/people";

import { CmsImage } from "./CmsImage";

/** A member or alumnus: photo, name, role; for alumni, the year they left and where they went. */
export function PersonCard({ person, headingLevel = 3 }: { person: PersonCardFieldsFragment; headingLevel?: 3 | 4 }) {
  const Heading = `h${headingLevel}` as const;
  const href = pageHref(person.url);
  const alumni = person.status === "alumni";
  return (
    <article className="person-card">
      {person.photo ? (
        <CmsImage image={person.photo} sizes="6rem" alt="" className="person-photo" />
      ) : (
        <span className="person-photo person-photo-empty" aria-hidden="true">
          {initials(person.name)}
        </span>
      )}
      <div>
        <Heading className="person-name">{href ? <Link href={href}>{person.name}</Link> : person.name}</Heading>
        {roleLabel(person.role) || (alumni && person.graduationYear) ? (
          <p className="meta">
            {roleLabel(person.role)}
            {alumni && person.graduationYear ? `, ${person.graduationYear}` : null}
          </p>
        ) : null}
        {alumni && person.placement ? <p className="placement">Now: {person.placement}</p> : null}
      </div>
    </article>
  );
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part.charAt(0).toUpperCase())
    .join("");
}
