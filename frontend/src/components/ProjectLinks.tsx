import type { ProjectLinkFieldsFragment } from "@/gql/graphql";
import { linkKindLabel } from "@/lib/links";

/** A project's links (paper, code, demo ...) as buttons, labelled by kind. */
export function ProjectLinks({
  links,
  className = "block-link-buttons",
}: {
  links: readonly ProjectLinkFieldsFragment[];
  className?: string;
}) {
  if (!links.length) return null;
  return (
    <ul className={className} aria-label="Links">
      {links.map((link, index) => (
        <li key={`${link.url}-${index}`}>
          <a className={`button button-${link.kind}`} href={link.url} rel="noopener">
            {linkKindLabel(link.kind)}
          </a>
        </li>
      ))}
    </ul>
  );
}
