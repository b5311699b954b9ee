interface PreviewBannerProps {
  /** The draft's GraphQL type, e.g. `BlogPostPage`, named for the editor as "blog post page". */
  typename?: string | undefined;
  /** False when the draft could not be loaded: the banner then claims nothing about what follows. */
  showingDraft?: boolean;
}

/** "BlogPostPage" -> "blog post page": the type's name in words, for any page type the CMS has. */
export function pageTypeName(typename: string): string {
  return typename
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase();
}

function withArticle(name: string): string {
  return `${/^[aeiou]/.test(name) ? "an" : "a"} ${name}`;
}

export function PreviewBanner({ typename, showingDraft = true }: PreviewBannerProps) {
  return (
    <div className="preview-banner" role="status">
      <strong>Preview</strong>
      {showingDraft ? (
        <span>
          You are looking at an unpublished draft{typename ? ` of ${withArticle(pageTypeName(typename))}` : ""}. It
          is not visible to the public.
        </span>
      ) : (
        <span>No draft is shown.</span>
      )}
      {/* A plain link: the route handler clears the draft-mode cookie and goes home. */}
      <a href="/api/exit-preview/">Leave preview</a>
    </div>
  );
}
