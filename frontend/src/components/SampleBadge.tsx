/** Marks sample content (content/demo), which shows the blocks and is not the lab's own. */
export function SampleBadge({ isSample }: { isSample: boolean }) {
  if (!isSample) return null;
  return (
    <span className="badge badge-sample" title="Sample content showing the site's blocks, not the lab's">
      Sample
    </span>
  );
}
