import type { PageMetaFieldsFragment } from "@/gql/graphql";

/**
 * A page whose type has no entry in the registry yet (a content type the CMS gained before the
 * frontend did): its title and description, so the URL works while the view is written.
 */
export function FallbackView({ page }: { page: PageMetaFieldsFragment }) {
  return (
    <article className="page">
      <header className="page-header">
        <h1>{page.title}</h1>
        {page.searchDescription ? <p className="lead">{page.searchDescription}</p> : null}
      </header>
    </article>
  );
}
