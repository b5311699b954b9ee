import { formatCount } from "@/lib/format";

/** "★ 12,345" linking to the repository; the count is refreshed from GitHub by the CMS. */
export function GitHubStars({ url, stars }: { url: string | null; stars: number | null }) {
  if (!url) return null;
  return (
    <a className="github-stars" href={url} rel="noopener">
      <span aria-hidden="true">★ </span>
      {stars !== null ? (
        <>
          {formatCount(stars)}
          <span className="visually-hidden"> stars</span> on GitHub
        </>
      ) : (
        "GitHub"
      )}
    </a>
  );
}
