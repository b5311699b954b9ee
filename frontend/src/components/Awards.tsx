import Link from "next/link";
import type { ReactNode } from "react";

import type { CompetitionAwardFieldsFragment, HonorFieldsFragment } from "@/gql/graphql";
import { pageHref } from "@/lib/format";

import { PartialDate } from "./PartialDate";

function PageLink({ url, children }: { url: string | null; children: ReactNode }) {
  const href = pageHref(url);
  return href ? <Link href={href}>{children}</Link> : <>{children}</>;
}

function joined(items: ReactNode[]): ReactNode[] {
  return items.flatMap((item, index) => (index === 0 ? [item] : [", ", item]));
}

function HonorItem({ honor }: { honor: HonorFieldsFragment }) {
  return (
    <li className="honor">
      <span className="honor-date">
        <PartialDate date={honor.date} precision={honor.datePrecision} />
      </span>
      <span className="honor-text">
        <span className="honor-title">{honor.title}</span>
        {honor.awardedBy ? <>, {honor.awardedBy}</> : null}
        {honor.project ? (
          <>
            {" "}
            (<PageLink url={honor.project.url}>{honor.project.shortName}</PageLink>)
          </>
        ) : null}
        {honor.recipients.length ? (
          <span className="honor-recipients">
            {" — "}
            {joined(
              honor.recipients.map((person) => (
                <PageLink key={person.url ?? person.name} url={person.url}>
                  {person.name}
                </PageLink>
              )),
            )}
          </span>
        ) : null}
      </span>
    </li>
  );
}

/**
 * Honors, newest first as the API sends them. The first `visible` are listed; the rest are behind
 * a native <details> (no JavaScript).
 */
export function HonorList({ honors, visible = 10 }: { honors: readonly HonorFieldsFragment[]; visible?: number }) {
  if (!honors.length) return null;
  const shown = honors.slice(0, visible);
  const more = honors.slice(visible);
  return (
    <>
      <ul className="award-list">
        {shown.map((honor) => (
          <HonorItem key={honor.id ?? `${honor.title}-${honor.date}`} honor={honor} />
        ))}
      </ul>
      {more.length ? (
        <details className="more">
          <summary>
            {more.length} more honor{more.length === 1 ? "" : "s"}
          </summary>
          <ul className="award-list">
            {more.map((honor) => (
              <HonorItem key={honor.id ?? `${honor.title}-${honor.date}`} honor={honor} />
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}

/** "First Place (1/150), ACM/IEEE TinyML Design Contest, Memory Occupation Track, ICCAD 2022 (MCUNetV3)". */
export function CompetitionAwardList({ awards }: { awards: readonly CompetitionAwardFieldsFragment[] }) {
  if (!awards.length) return null;
  return (
    <ul className="award-list">
      {awards.map((award) => (
        <li key={award.id ?? `${award.contest}-${award.year}-${award.track}`} className="honor">
          <span className="honor-date">{award.year}</span>
          <span className="honor-text">
            <span className="honor-title">{award.place}</span>, {award.contest}
            {award.track ? <>, {award.track}</> : null}
            {award.venue ? (
              <>, {award.venue.includes(String(award.year)) ? award.venue : `${award.venue} ${award.year}`}</>
            ) : null}
            {award.project ? (
              <>
                {" "}
                (<PageLink url={award.project.url}>{award.project.shortName}</PageLink>)
              </>
            ) : null}
          </span>
        </li>
      ))}
    </ul>
  );
}
