import Link from "next/link";

import type { PersonRefFieldsFragment } from "@/gql/graphql";
import { pageHref } from "@/lib/format";

type BylineAuthor = {
  name: string;
  equalContribution: boolean;
  corresponding?: boolean;
  person?: PersonRefFieldsFragment | null;
};

/** An author list, for projects and publications alike: lab members linked to their pages and highlighted,
 * * for equal contribution, † for corresponding; `footnote` explains the marks used below the list. */
export function Byline({ authors, footnote = false }: { authors: readonly BylineAuthor[]; footnote?: boolean }) {
  if (!authors.length) return null;
  const marks = [
    authors.some((author) => author.equalContribution) ? "* Equal contribution" : null,
    authors.some((author) => author.corresponding) ? "† Corresponding author" : null,
  ].filter(Boolean);
  return (
    <>
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
      {footnote && marks.length ? <p className="meta footnote">{marks.join(" · ")}</p> : null}
    </>
  );
}
