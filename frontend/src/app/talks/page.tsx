import type { Metadata } from "next";

import { TalkList } from "@/components/TalkList";
import { TalksDocument } from "@/gql/graphql";
import { fetchGraphQL } from "@/lib/cms";

export const metadata: Metadata = { title: "Talks", description: "Talks given by the lab's members." };

export default async function TalksRoute() {
  const { talks } = await fetchGraphQL(TalksDocument, {});
  return (
    <article className="page page-wide">
      <header className="page-header">
        <h1>Talks</h1>
        <p className="lead">Talks given by the lab&apos;s members, newest first.</p>
      </header>
      {talks.length ? <TalkList talks={talks} /> : <p>No talks yet.</p>}
    </article>
  );
}
