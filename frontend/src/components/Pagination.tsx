import Link from "next/link";

import type { PaginationFieldsFragment } from "@/gql/graphql";
import { hrefWith } from "@/lib/search-params";

interface PaginationProps {
  pagination: PaginationFieldsFragment;
  /** The listing's path, e.g. "/blog/". */
  path: string;
  /** The active filters, kept on every page link. */
  params: Record<string, string | number | undefined>;
  label: string;
  /** The two links' words; dated listings (the default) go from newer to older. */
  words?: { prev: string; next: string };
}

const DATED = { prev: "← Newer", next: "Older →" };

export function Pagination({ pagination, path, params, label, words = DATED }: PaginationProps) {
  const { currentPage, totalPages, prevPage, nextPage } = pagination;
  if (totalPages <= 1) return null;
  return (
    <nav className="pagination" aria-label={label}>
      {prevPage ? (
        <Link href={hrefWith(path, { ...params, page: prevPage })} rel="prev">
          {words.prev}
        </Link>
      ) : (
        <span aria-hidden="true" />
      )}
      <span>
        Page {Math.min(currentPage, totalPages)} of {totalPages}
      </span>
      {nextPage ? (
        <Link href={hrefWith(path, { ...params, page: nextPage })} rel="next">
          {words.next}
        </Link>
      ) : (
        <span aria-hidden="true" />
      )}
    </nav>
  );
}
