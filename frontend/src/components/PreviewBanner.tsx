interface PreviewBannerProps {
  contentType?: string | undefined;
  /** False when the draft could not be loaded: the banner then claims nothing about what follows. */
  showingDraft?: boolean;
}

export function PreviewBanner({ contentType, showingDraft = true }: PreviewBannerProps) {
  return (
    <div className="preview-banner" role="status">
      <strong>Preview</strong>
      {showingDraft ? (
        <span>
          You are looking at an unpublished draft{contentType ? ` (${contentType})` : ""}. It is not visible to the
          public.
        </span>
      ) : (
        <span>No draft is shown.</span>
      )}
      {/* A plain link: the route handler clears the draft-mode cookie and goes home. */}
      <a href="/api/exit-preview/">Leave preview</a>
    </div>
  );
}
