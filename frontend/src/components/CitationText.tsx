/** A citation in one format (BibTeX, RIS) under a summary to open; `user-select: all` (.bibtex) selects the whole
 * entry in one click, ready to copy. Projects, publications and publication lists share it. */
export function CitationText({
  summary,
  text,
  label,
  open = false,
  className,
}: {
  summary: string;
  text: string;
  label: string;
  open?: boolean;
  className?: string;
}) {
  return (
    <details className={className} open={open}>
      <summary>{summary}</summary>
      <pre className="bibtex" tabIndex={0} aria-label={label}>
        <code>{text.trim()}</code>
      </pre>
    </details>
  );
}
