import Link from "next/link";

import { CmsImage } from "@/components/CmsImage";
import { PersonCard } from "@/components/PersonCard";
import { AllPublicationsLink, PublicationList } from "@/components/PublicationList";
import { RichText } from "@/components/RichText";
import {
  PeopleDocument,
  PeopleIndexPageDataDocument,
  PersonPageDataDocument,
  type PersonCardFieldsFragment,
} from "@/gql/graphql";
import { fetchGraphQL } from "@/lib/cms";
import { pageHref, parentPath } from "@/lib/format";
import { groupByRole, roleLabel } from "@/lib/people";

import { definePageType } from "./define";

export const peopleIndexPage = definePageType({
  typename: "PeopleIndexPage",
  document: PeopleIndexPageDataDocument,
  async View({ page }) {
    const { people } = await fetchGraphQL(PeopleDocument, {});
    const current = groupByRole(people.filter((person) => person.status === "current"));
    const alumni = people.filter((person) => person.status === "alumni");
    // People the lab names (e.g. congratulated on a fellowship) without saying whether they are members.
    const others = people.filter((person) => person.status !== "current" && person.status !== "alumni");
    return (
      <div className="page page-wide">
        <header className="page-header">
          <h1>{page.title}</h1>
          <RichText html={page.intro} className="lead" />
        </header>

        {current.length ? (
          <section className="section" aria-labelledby="current-members">
            <h2 id="current-members">Current members</h2>
            {current.map((group) => (
              <section key={group.role} className="people-group" aria-labelledby={`role-${group.role}`}>
                <h3 id={`role-${group.role}`}>{group.label}</h3>
                <ul className="people-grid">
                  {group.people.map((person) => (
                    <li key={person.id ?? person.url ?? person.name}>
                      <PersonCard person={person} headingLevel={4} />
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </section>
        ) : null}

        {alumni.length ? (
          <section className="section" aria-labelledby="alumni">
            <h2 id="alumni">Alumni</h2>
            <PeopleGrid people={alumni} />
          </section>
        ) : null}

        {others.length ? (
          <section className="section" aria-labelledby="also-named">
            <h2 id="also-named">Also named by the lab</h2>
            <p className="meta">Their role and membership are not stated.</p>
            <PeopleGrid people={others} />
          </section>
        ) : null}

        {!people.length ? <p>No one is listed yet.</p> : null}
      </div>
    );
  },
});

function PeopleGrid({ people }: { people: readonly PersonCardFieldsFragment[] }) {
  return (
    <ul className="people-grid">
      {people.map((person) => (
        <li key={person.id ?? person.url ?? person.name}>
          <PersonCard person={person} />
        </li>
      ))}
    </ul>
  );
}

export const personPage = definePageType({
  typename: "PersonPage",
  document: PersonPageDataDocument,
  View({ page }) {
    const alumni = page.status === "alumni";
    const teamPath = parentPath(pageHref(page.url), "/team/");
    return (
      <article className="page article person">
        <header className="page-header person-header">
          {page.photo ? (
            <CmsImage image={page.photo} sizes="12rem" alt={page.name} className="person-portrait" priority />
          ) : null}
          <div>
            <h1>{page.name}</h1>
            <p className="meta">
              {roleLabel(page.role)}
              {alumni ? ` · Alumni${page.graduationYear ? `, ${page.graduationYear}` : ""}` : null}
            </p>
            {alumni && page.placement ? <p className="placement">Now: {page.placement}</p> : null}
          </div>
        </header>
        <RichText html={page.bio} />
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
        {page.orcid ? (
          <p className="meta">
            ORCID iD: <a href={`https://orcid.org/${page.orcid}`} rel="noopener">{page.orcid}</a>
          </p>
        ) : null}
        {page.positions.length ? (
          <section className="section" aria-labelledby="positions">
            <h2 id="positions">Positions</h2>
            <ul className="positions">
              {page.positions.map((position, index) => (
                <li key={index}>
                  {[position.title || roleLabel(position.role), position.organisation].filter(Boolean).join(", ")}
                  {position.start || position.end
                    ? ` (${position.start?.slice(0, 4) ?? ""}–${position.current ? "" : (position.end?.slice(0, 4) ?? "")})`
                    : null}
                  {position.advisor ? (
                    <>
                      {" "}
                      · advisor <Link href={pageHref(position.advisor.url) ?? teamPath}>{position.advisor.name}</Link>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {page.publications.length ? (
          <section className="section" aria-labelledby="publications">
            <h2 id="publications">Publications</h2>
            <PublicationList publications={page.publications} />
            <AllPublicationsLink shown={page.publications.length} filter={{ person: page.slug }} />
          </section>
        ) : null}
        <p>
          <Link href={teamPath}>← Team</Link>
        </p>
      </article>
    );
  },
});
