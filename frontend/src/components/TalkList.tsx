import Link from "next/link";

import type { TalkFieldsFragment } from "@/gql/graphql";
import { pageHref } from "@/lib/format";

import { ExternalLinks } from "./ExternalLinks";
import { PartialDate } from "./PartialDate";

const TALK_LINKS = [
  ["videoUrl", "Video"],
  ["slidesUrl", "Slides"],
  ["mediaUrl", "Media"],
  ["eventUrl", "Event"],
] as const;

/** Talks: date (as precise as known), title, speaker, event and whichever links exist. */
export function TalkList({ talks }: { talks: readonly TalkFieldsFragment[] }) {
  return (
    <ul className="talk-list">
      {talks.map((talk) => {
        const speakerHref = talk.speaker ? pageHref(talk.speaker.url) : null;
        const links = TALK_LINKS.filter(([field]) => talk[field]).map(([field, label]) => ({ label, url: talk[field] }));
        return (
          <li key={talk.key} className="talk card">
            <p className="meta">
              <PartialDate date={talk.date} precision={talk.datePrecision} />
            </p>
            <h2 className="talk-title">{talk.title}</h2>
            <p className="talk-event">
              {talk.speaker ? (
                <>
                  {speakerHref ? <Link href={speakerHref}>{talk.speaker.name}</Link> : talk.speaker.name}
                  {" at "}
                </>
              ) : null}
              {talk.event}
            </p>
            <ExternalLinks links={links} />
          </li>
        );
      })}
    </ul>
  );
}
